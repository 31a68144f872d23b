-- Keeping the existing provider: the operator's trunk templates and customers' external SIP trunks.
create table trunk_templates (
    id               uuid          primary key,
    provider_name    varchar(100)  not null unique,
    registrar        varchar(260)  not null,
    outbound_proxy   varchar(260),
    transport        varchar(3)    not null,
    number_format    varchar(10)   not null,
    caller_id_header varchar(30)   not null,
    registers        boolean       not null,
    expiry_seconds   integer       not null,
    created_at       timestamptz   not null,
    constraint trunk_templates_transport check (transport in ('UDP', 'TCP', 'TLS')),
    constraint trunk_templates_format check (number_format in ('E164', 'NATIONAL', 'INTL_00')),
    constraint trunk_templates_header check (caller_id_header in ('FROM', 'P_ASSERTED_IDENTITY',
        'P_PREFERRED_IDENTITY', 'REMOTE_PARTY_ID')),
    constraint trunk_templates_expiry check (expiry_seconds between 60 and 86400)
);

create table trunks (
    id               uuid          primary key,
    customer_id      uuid          not null,
    instance_id      uuid          not null,
    template_id      uuid          not null references trunk_templates (id),
    name             varchar(100)  not null,
    username         varchar(200)  not null,
    auth_username    varchar(200),
    sealed_password  varchar(600)  not null,
    created_at       timestamptz   not null,
    created_by       varchar(254)  not null
);
create index trunks_instance on trunks (instance_id);

-- The numbers a trunk carries; a number is carried by one trunk only.
create table trunk_numbers (
    e164         varchar(16)  primary key,
    trunk_id     uuid         not null references trunks (id) on delete cascade,
    customer_id  uuid         not null,
    instance_id  uuid         not null
);
create index trunk_numbers_trunk on trunk_numbers (trunk_id);
