-- Phone-system instances, their subscriptions and their history.

create table instances (
    id                          uuid primary key,
    customer_id                 uuid         not null references customers (id),
    name                        varchar(100) not null,
    subdomain                   varchar(63)  not null,
    country                     char(2)      not null,
    created_at                  timestamptz  not null,
    status                      varchar(20)  not null,
    trial_started_at            timestamptz,
    trial_ends_at               timestamptz,
    trial_concurrent_users      integer      not null default 0,
    first_reminder_done         boolean      not null default false,
    last_reminder_done          boolean      not null default false,
    deactivated_at              timestamptz,
    plan                        varchar(20),
    concurrent_users            integer,
    price_list_id               uuid,
    price_list_version          integer,
    unit_price                  numeric(12, 2),
    monthly_net                 numeric(14, 2),
    activated_at                timestamptz,
    term_start                  timestamptz,
    term_end                    timestamptz,
    mandate_reference           varchar(35),
    mandate_signed_on           date,
    iban                        varchar(34),
    account_holder              varchar(70),
    scheduled_kind              varchar(20),
    scheduled_plan              varchar(20),
    scheduled_concurrent_users  integer,
    scheduled_effective_at      timestamptz,
    scheduled_requested_at      timestamptz,
    next_due_at                 timestamptz,
    constraint instances_status check (status in ('TRIAL', 'ACTIVE', 'CANCELLED', 'DEACTIVATED', 'DELETED')),
    constraint instances_count check (concurrent_users is null or concurrent_users between 1 and 100000)
);
create unique index instances_subdomain on instances (subdomain) where status <> 'DELETED';
create unique index instances_mandate on instances (customer_id, mandate_reference);
create index instances_customer on instances (customer_id);
create index instances_due on instances (next_due_at) where next_due_at is not null;

-- One trial per customer account, ever: the row outlives the instance it started.
create table customer_trials (
    customer_id  uuid primary key references customers (id),
    instance_id  uuid        not null,
    started_at   timestamptz not null
);

create table instance_changes (
    id              bigserial primary key,
    instance_id     uuid         not null references instances (id),
    customer_id     uuid         not null,
    at              timestamptz  not null,
    actor           varchar(254) not null,
    kind            varchar(40)  not null,
    from_value      text,
    to_value        text,
    licensed_after  integer      not null
);
create index instance_changes_instance on instance_changes (instance_id, at, id);

-- Operator settings of the instance life.
create table instance_settings (
    id                        integer primary key default 1 check (id = 1),
    trial_concurrent_users    integer not null default 5 check (trial_concurrent_users between 1 and 1000)
);
insert into instance_settings (id, trial_concurrent_users) values (1, 5);
