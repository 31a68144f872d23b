-- An operator answers a support request once; the answer closes it.
alter table support_requests add column answer varchar(5000);
alter table support_requests add column answered_by varchar(254);
alter table support_requests add column answered_at timestamptz;
