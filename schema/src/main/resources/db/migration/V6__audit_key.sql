-- The audit chain is keyed (HMAC-SHA256) with a key kept outside the database (issue 11): whoever can write
-- the tables cannot recompute the hashes after rewriting events. One row: the fingerprint of the key (so a node
-- started with another key refuses to run instead of writing a chain nobody can verify) and the last event
-- written before keying was switched on (those keep their plain SHA-256 hashes).
create table audit_keying (
  id            integer primary key,
  fingerprint   varchar(64) not null,
  plain_through bigint not null,
  created_at    timestamp with time zone not null default current_timestamp,
  constraint audit_keying_one_row_ck check (id = 1)
);
