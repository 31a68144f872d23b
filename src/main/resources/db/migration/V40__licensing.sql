-- The concurrent-user licence: pools, subjects, held refs and holders, history, connector keys.
-- Each row carries its owner keys (customer_id, instance_id) so that the data can be distributed by them.

-- One row per instance: its pool size (kept current from the instances' events) and occupancy.
-- The row is the arbiter between application nodes: every change of an instance's licences locks
-- it and raises its version, so a node whose cached state has an older version loads it anew.
create table licence_pools (
    instance_id   uuid primary key,
    customer_id   uuid        not null,
    country       char(2),
    licensed      integer     not null check (licensed >= 0),
    licensed_at   timestamptz not null,
    occupied      integer     not null default 0,
    version       bigint      not null default 0,
    last_alert_at timestamptz
);
create index licence_pools_customer on licence_pools (customer_id);

create table licence_subjects (
    id            uuid primary key,
    instance_id   uuid         not null,
    customer_id   uuid         not null,
    kind          varchar(10)  not null check (kind in ('EMPLOYEE', 'FUNCTION')),
    extension     varchar(15)  not null,
    name          varchar(100) not null,
    email         varchar(254),
    function_type varchar(20),
    created_at    timestamptz  not null,
    constraint licence_subjects_extension unique (instance_id, extension)
);

-- Desktop sessions, mobile pairings and outbound calls: held, or remembered a while after they
-- ended or were refused so that a repeated event changes nothing.
create table licence_refs (
    instance_id uuid         not null,
    customer_id uuid         not null,
    reason      varchar(20)  not null,
    ref         varchar(100) not null,
    subject     varchar(15)  not null,
    state       varchar(10)  not null check (state in ('HELD', 'REFUSED', 'ENDED')),
    emergency   boolean      not null,
    since       timestamptz  not null,
    last_seen   timestamptz  not null,
    primary key (instance_id, reason, ref)
);
create index licence_refs_held on licence_refs (instance_id) where state = 'HELD';

create table licence_holders (
    instance_id uuid        not null,
    customer_id uuid        not null,
    subject     varchar(15) not null,
    since       timestamptz not null,
    over_limit  boolean     not null,
    primary key (instance_id, subject)
);

create table licence_history (
    id              bigserial primary key,
    instance_id     uuid         not null,
    customer_id     uuid         not null,
    at              timestamptz  not null,
    subject         varchar(15)  not null,
    reason          varchar(20)  not null,
    ref             varchar(100) not null,
    action          varchar(20)  not null,
    emergency       boolean      not null,
    licence_changed boolean      not null,
    actor           varchar(254),
    occupied        integer      not null,
    licensed        integer      not null
);
create index licence_history_instance_at on licence_history (instance_id, at);

-- Per instance and hour: the highest occupancy, the occupancy at the end of the hour, and counts.
create table licence_hours (
    instance_id uuid        not null,
    customer_id uuid        not null,
    hour        timestamptz not null,
    peak        integer     not null,
    closing     integer     not null,
    licensed    integer     not null,
    admissions  integer     not null default 0,
    refusals    integer     not null default 0,
    emergencies integer     not null default 0,
    primary key (instance_id, hour)
);

create table connector_keys (
    id          uuid primary key,
    instance_id uuid         not null,
    customer_id uuid         not null,
    hash        char(64)     not null unique,
    hint        varchar(16)  not null,
    label       varchar(100),
    created_at  timestamptz  not null,
    created_by  varchar(254) not null,
    revoked_at  timestamptz,
    revoked_by  varchar(254)
);
create index connector_keys_instance on connector_keys (instance_id);

-- Operator settings of the licence engine.
create table licensing_settings (
    id                        integer primary key check (id = 1),
    heartbeat_timeout_seconds integer not null check (heartbeat_timeout_seconds between 10 and 3600),
    call_timeout_seconds      integer not null check (call_timeout_seconds between 60 and 172800)
);
insert into licensing_settings values (1, 90, 43200);
