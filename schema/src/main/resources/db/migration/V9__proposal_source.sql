-- Word import (issue 15): where a proposal read from a delegation's Word file came from. The tracked
-- change's author and date are the file's own (a Word user name, not an account), kept as metadata.
create table proposal_source (
  proposal_id bigint primary key references proposal(id),
  format varchar(16) not null,
  file_position integer not null,
  change_author varchar(400),
  change_date varchar(40),
  word_comment_id varchar(40),
  mapped_by varchar(8) not null,
  confidence double precision not null
);
