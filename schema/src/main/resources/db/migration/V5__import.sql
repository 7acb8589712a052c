-- Structured import (issue 3): alternatives ("Alt 1", "Alt 2") per paragraph and per revision, and where
-- each paragraph stood in the revision before, so the old → new mapping lists deletions in place.
alter table paragraph_version add column alt varchar(40);
alter table paragraph_version add column previous_position integer;
alter table revision add column alt_count integer not null default 0;
