-- The phone system's core: devices with their SIP credentials (digest hashes only), registrations
-- (bindings), calls live and ended (an ended call waits here until the connector has taken its
-- record), and the secret the registrar signs its nonces with, shared by every node.

create table sip_devices (
    id                 uuid primary key,
    instance_id        uuid         not null,
    customer_id        uuid         not null,
    subject_id         uuid         not null,
    extension          varchar(15)  not null,
    kind               varchar(20)  not null check (kind in ('DESK_PHONE', 'DECT_HANDSET', 'DESKTOP_CLIENT',
                                                            'MOBILE_APP', 'FUNCTION_DEVICE')),
    label              varchar(100) not null,
    sip_user           varchar(40)  not null,
    ha1_md5            char(32)     not null,
    ha1_sha256         char(64)     not null,
    created_at         timestamptz  not null,
    credentials_set_at timestamptz  not null,
    -- a desktop client's open desktop session (its licence ref), from its first registration to its last
    desktop_session    varchar(60),
    constraint sip_devices_user unique (instance_id, sip_user)
);
create index sip_devices_extension on sip_devices (instance_id, extension);

create table sip_bindings (
    id            uuid primary key,
    instance_id   uuid          not null,
    device_id     uuid          not null references sip_devices (id) on delete cascade,
    contact       varchar(500)  not null,
    flow          varchar(100)  not null,
    call_id       varchar(200)  not null,
    cseq          bigint        not null,
    user_agent    varchar(200),
    registered_at timestamptz   not null,
    refreshed_at  timestamptz   not null,
    expires_at    timestamptz   not null,
    constraint sip_bindings_contact unique (device_id, contact)
);
create index sip_bindings_instance on sip_bindings (instance_id);
create index sip_bindings_expiry on sip_bindings (expires_at);

create table sip_calls (
    instance_id    uuid          not null,
    call_id        varchar(200)  not null,
    customer_id    uuid          not null,
    subject        varchar(15),
    from_number    varchar(40)   not null,
    to_number      varchar(40)   not null,
    direction      varchar(10)   not null check (direction in ('OUTBOUND', 'INBOUND', 'INTERNAL')),
    trunk          varchar(40)   not null,
    licence_held   boolean       not null default false,
    started_at     timestamptz   not null,
    answered_at    timestamptz,
    ended_at       timestamptz,
    end_reason     varchar(30),
    recorded_at    timestamptz,
    primary key (instance_id, call_id)
);
create index sip_calls_live on sip_calls (instance_id) where ended_at is null;
create index sip_calls_unrecorded on sip_calls (ended_at) where ended_at is not null and recorded_at is null;

create table sip_secrets (
    name  varchar(40) primary key,
    value varchar(200) not null
);
