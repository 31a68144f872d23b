-- The operator's carrier trunk and toll-fraud guards, set on a page; a row overrides the
-- switchboard.sip.carrier.* and switchboard.sip.fraud.* configuration it was started with.
create table sip_operator_settings (
    id                         smallint     primary key default 1 check (id = 1),
    carrier_address            varchar(300),
    carrier_transport          varchar(3)   not null default 'udp',
    carrier_username           varchar(100),
    carrier_sealed_password    varchar(500),
    carrier_caller_id_header   varchar(30)  not null default 'P_ASSERTED_IDENTITY',
    allowed_countries          varchar(1000) not null default '',
    blocked_prefixes           varchar(4000) not null default '',
    calls_per_minute_per_device integer     not null,
    concurrent_outbound        integer      not null,
    daily_airtime_minutes      integer      not null,
    updated_at                 timestamptz  not null,
    updated_by                 varchar(320) not null
);
