-- What became of a proposal moves out of "proposal" into a narrow table of its own (issue 13, publish ≤ 1 s).
--
-- Publishing gives every proposal of the revision before a fate: thousands at once. Written as updates of
-- "proposal", a wide row with thirteen indexes on H2 (which updates a row by removing it from every index and
-- adding it again), that was two thirds of a publication's time there. Written as inserts into this table it is
-- a small part of it. A proposal's state no longer changes to 'decided' in its row either: it reads 'decided' when
-- its fate here is settled (by publishing or by carrying forward), and stays 'submitted' or 'withdrawn' as stored.
create table proposal_fate (
  proposal_id bigint primary key references proposal (id),
  -- the revision that gave it (the one published, or the uploaded one whose text it was detected in)
  revision_id bigint not null references revision (id),
  fate        varchar(24) not null,
  -- the resulting text, when it is not the proposal's own paragraph's in that revision
  text        varchar,
  -- for a detected fate: the share of the proposal's word changes found in the new text
  similarity  double precision,
  -- true when publishing (or carrying forward) settled it: the proposal then reads 'decided'. A fate detected on an
  -- upload leaves the proposal open (false) until it is carried forward.
  settled     boolean not null default false,
  constraint proposal_fate_fate_ck check (fate in ('accepted', 'accepted-modified', 'combined', 'not-retained', 'noted',
    'withdrawn', 'carried-forward', 'reflected', 'partly-reflected', 'not-reflected', 'paragraph-deleted'))
);

insert into proposal_fate (proposal_id, revision_id, fate, text, similarity, settled)
  select id, fate_revision, fate, fate_text, fate_similarity, state = 'decided'
  from proposal where fate is not null and fate_revision is not null;
update proposal set state = 'submitted' where state = 'decided';

alter table proposal drop constraint proposal_fate_ck;
alter table proposal drop constraint proposal_state_ck;
alter table proposal add constraint proposal_state_ck check (state in ('submitted', 'withdrawn'));
alter table proposal drop column fate;
alter table proposal drop column fate_revision;
alter table proposal drop column fate_text;
alter table proposal drop column fate_similarity;
