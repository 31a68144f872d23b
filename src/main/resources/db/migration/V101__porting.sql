-- Porting numbers in: the releasing providers the operator lists, orders with their numbers,
-- the signed request form, and each step of an order's life.
create table porting_providers (
    id     uuid         primary key,
    name   varchar(200) not null unique
);
insert into porting_providers (id, name) values
    ('7d1c52a4-3f0e-4b1a-9d55-000000000001', 'Deutsche Telekom'),
    ('7d1c52a4-3f0e-4b1a-9d55-000000000002', 'Vodafone'),
    ('7d1c52a4-3f0e-4b1a-9d55-000000000003', 'Telefónica Germany (O2)'),
    ('7d1c52a4-3f0e-4b1a-9d55-000000000004', '1&1'),
    ('7d1c52a4-3f0e-4b1a-9d55-000000000005', 'NetCologne'),
    ('7d1c52a4-3f0e-4b1a-9d55-000000000006', 'M-net'),
    ('7d1c52a4-3f0e-4b1a-9d55-000000000007', 'EWE TEL'),
    ('7d1c52a4-3f0e-4b1a-9d55-000000000008', 'sipgate');

create table porting_orders (
    id                   uuid          primary key,
    customer_id          uuid          not null,
    instance_id          uuid          not null,
    status               varchar(12)   not null,
    provider             varchar(200)  not null,
    company_name         varchar(200)  not null,
    street               varchar(200)  not null,
    postcode             varchar(10)   not null,
    city                 varchar(100)  not null,
    contract_holder      varchar(200)  not null,
    provider_customer_no varchar(50),
    whole_contract       boolean       not null,
    rest_cancelled       boolean       not null,
    desired_date         date          not null,
    at_contract_end      boolean       not null,
    porting_date         date,
    carrier_reference    varchar(100),
    rejection_code       varchar(30),
    rejection_text       varchar(1000),
    document_name        varchar(200),
    document_type        varchar(40),
    document             bytea,
    document_uploaded_at timestamptz,
    created_at           timestamptz   not null,
    created_by           varchar(254)  not null,
    updated_at           timestamptz   not null,
    constraint porting_orders_status check (status in ('DRAFT', 'SUBMITTED', 'CONFIRMED', 'REJECTED', 'COMPLETED',
        'CANCELLED'))
);
create index porting_orders_instance on porting_orders (instance_id, created_at desc);
create index porting_orders_open on porting_orders (status, porting_date) where status in ('SUBMITTED', 'CONFIRMED');

-- The numbers of an order; each is a range of the inventory (source PORTED) while the order runs.
create table porting_order_ranges (
    order_id  uuid not null references porting_orders (id),
    range_id  uuid not null references number_ranges (id) on delete cascade,
    primary key (order_id, range_id)
);

create table porting_order_events (
    order_id  uuid          not null references porting_orders (id),
    at        timestamptz   not null,
    actor     varchar(254)  not null,
    status    varchar(12)   not null,
    note      varchar(1000)
);
create index porting_order_events_order on porting_order_events (order_id, at);
