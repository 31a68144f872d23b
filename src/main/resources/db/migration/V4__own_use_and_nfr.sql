-- A partner's own use: one customer record per partner holds its NFR phone system.
alter table customers add column own_use boolean not null default false;
create unique index customers_own_use on customers (partner_id) where own_use;

-- NFR: a free instance for a partner's own use, sized by its partner level.
alter table instances drop constraint instances_status;
alter table instances add constraint instances_status
    check (status in ('TRIAL', 'ACTIVE', 'CANCELLED', 'DEACTIVATED', 'DELETED', 'NFR'));
alter table instances add column nfr_concurrent_users integer not null default 0;
