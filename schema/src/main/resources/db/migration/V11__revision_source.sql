-- The file a revision was uploaded from (issue 18: an archive holds every revision with its original source),
-- byte for byte, with its media type and SHA-256. Workspaces (revisions built in Plenary) have none.
create table revision_source (
  revision_id bigint primary key references revision(id),
  media_type varchar(100) not null,
  size_bytes integer not null,
  sha256 varchar(64) not null,
  content bytea not null
);
