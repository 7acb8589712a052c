-- The delegations taking part in a negotiation (chosen from the reference data, or custom ones such as an
-- observer organisation). A group (ARAB, G77, EU) acts through a coordinator delegation designated by the
-- secretariat: a delegate of the coordinator may submit "on behalf of" the group.
create table negotiation_delegation (
  negotiation_id   bigint not null references negotiation (id),
  delegation_code  varchar(32) not null references delegation (code),
  coordinator_code varchar(32) references delegation (code),
  added_at         timestamp with time zone not null default current_timestamp,
  primary key (negotiation_id, delegation_code)
);
create index negotiation_delegation_coordinator_ix on negotiation_delegation (negotiation_id, coordinator_code);
