-- Splits and merges in the import's mapping (issue 16): a paragraph cut in two keeps its id in the first part,
-- and the second part records the paragraph it was split from; of two paragraphs joined into one, the first
-- keeps its id and the second records (in its closing row, position null) the paragraph it was merged into.
alter table paragraph_version add column split_from bigint references paragraph (id);
alter table paragraph_version add column merged_into bigint references paragraph (id);
alter table paragraph_version drop constraint paragraph_version_change_ck;
alter table paragraph_version add constraint paragraph_version_change_ck
  check (change in ('inserted', 'unchanged', 'modified', 'moved', 'moved_modified', 'deleted', 'split', 'merged'));
