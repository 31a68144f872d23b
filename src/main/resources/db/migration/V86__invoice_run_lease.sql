-- The node working off a run holds its lease and renews it; a run whose lease lapsed (its node
-- died) is taken over by another node's takeover job. Times are the database's own clock, the one
-- clock all nodes share. A run no node has worked on yet has no lease.
alter table billing_runs add column lease_holder varchar(200), add column lease_until timestamptz;
