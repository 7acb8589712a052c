-- Operations (issue 18): the HTTP request that caused an audit event (its X-Request-Id), to find the
-- request's log lines from the event and back. Not part of the event's hash: it locates, it does not record.
alter table event add column request_id varchar(64);
