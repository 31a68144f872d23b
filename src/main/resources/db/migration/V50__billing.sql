-- Billing: subscription timelines (from instance events), tariff zones, call records, invoice runs,
-- invoices with gapless numbers, payments. Every tenant row carries customer_id (and instance_id
-- where it belongs to one instance).

-- The instance's name for invoice lines and the mandate of its latest subscription for the
-- direct debit, as they were when it was subscribed.
create table billing_instances (
    instance_id        uuid primary key,
    customer_id        uuid         not null,
    name               varchar(100) not null,
    activated_at       timestamptz  not null,
    mandate_reference  varchar(35)  not null,
    mandate_signed_on  date         not null,
    iban               varchar(34)  not null,
    account_holder     varchar(70)  not null
);
create index billing_instances_customer on billing_instances (customer_id);

-- What an instance was subscribed to from an instant on; a deactivation has a net of 0.
create table billing_timeline (
    instance_id       uuid          not null,
    customer_id       uuid          not null,
    at                timestamptz   not null,
    kind              varchar(16)   not null,
    plan              varchar(20),
    concurrent_users  integer       not null,
    monthly_net       numeric(14,2) not null,
    free              boolean       not null default false,
    primary key (instance_id, at, kind)
);
create index billing_timeline_customer on billing_timeline (customer_id, at);

create table billing_tariff_zones (
    id                uuid primary key,
    name              varchar(80)   not null unique,
    price_per_minute  numeric(10,4) not null check (price_per_minute >= 0),
    increment         varchar(5)    not null,
    connect_fee       numeric(10,4) not null check (connect_fee >= 0),
    updated_at        timestamptz   not null
);
-- A prefix belongs to one zone only, also when two operators save at once.
create table billing_tariff_prefixes (
    prefix   varchar(15) primary key,
    zone_id  uuid not null references billing_tariff_zones (id) on delete cascade
);

create table billing_calls (
    instance_id     uuid          not null,
    call_id         varchar(100)  not null,
    customer_id     uuid          not null,
    subject         varchar(100)  not null,
    from_number     varchar(16)   not null,
    to_number       varchar(16)   not null,
    started_at      timestamptz   not null,
    answered_at     timestamptz,
    ended_at        timestamptz   not null,
    direction       varchar(8)    not null,
    trunk           varchar(100)  not null,
    outcome         varchar(12)   not null,
    zone            varchar(80),
    billed_seconds  integer       not null,
    charge          numeric(12,4) not null,
    reason          varchar(200),
    received_at     timestamptz   not null,
    primary key (instance_id, call_id)
);
-- The run, the preview and the appendix read a customer's rated calls of a month.
create index billing_calls_rated on billing_calls (customer_id, started_at) where outcome = 'RATED';
create index billing_calls_unrated on billing_calls (received_at) where outcome = 'UNRATED';
-- The run sums a month's rated calls in one pass.
create index billing_calls_started on billing_calls (started_at) where outcome = 'RATED';

-- The operator as seller on invoices and creditor of direct debits.
create table billing_settings (
    id                 integer primary key check (id = 1),
    creditor_name      varchar(70)  not null,
    creditor_id        varchar(35)  not null,
    creditor_iban      varchar(34)  not null,
    creditor_bic       varchar(11)  not null,
    days_until_due     integer      not null,
    seller_street      varchar(200) not null,
    seller_postcode    varchar(20)  not null,
    seller_city        varchar(100) not null,
    seller_country     char(2)      not null,
    seller_vat_id      varchar(20)  not null,
    seller_email       varchar(254) not null,
    seller_phone       varchar(40)  not null
);
insert into billing_settings values (1, 'Switchboard GmbH', 'DE98ZZZ09999999999', 'DE02120300000000202051', 'BYLADEM1001', 5,
    'Friedrichstraße 100', '10117', 'Berlin', 'DE', 'DE123456789', 'billing@switchboard.local', '+49 30 1234560');

-- One run per month; its work items are claimed with SKIP LOCKED, so any number of nodes can help.
create table billing_runs (
    month         char(7)      primary key,
    started_at    timestamptz  not null,
    started_by    varchar(254) not null,
    finished_at   timestamptz,
    total_items   integer      not null
);

create table billing_run_items (
    month        char(7) not null references billing_runs (month),
    customer_id  uuid    not null,
    done         boolean not null default false,
    invoice_id   uuid,
    primary key (month, customer_id)
);
create index billing_run_items_pending on billing_run_items (month) where not done;

-- The month's rated airtime per customer, instance and zone, summed once when the run is created
-- (in the same transaction), so that the run's batches read a small table instead of the calls.
create table billing_run_airtime (
    month           char(7)       not null references billing_runs (month),
    customer_id     uuid          not null,
    instance_id     uuid          not null,
    zone            varchar(80)   not null,
    calls           bigint        not null,
    billed_seconds  bigint        not null,
    charge          numeric(18,4) not null,
    primary key (month, customer_id, instance_id, zone)
);

create table billing_number_series (
    series       varchar(4) not null,
    year         integer    not null,
    last_number  integer    not null,
    primary key (series, year)
);

create table billing_invoices (
    id                 uuid primary key,
    customer_id        uuid          not null,
    partner_id         uuid,
    month              char(7)       not null,
    kind               varchar(12)   not null,
    number             varchar(20)   unique,
    issued_on          date,
    finalised_at       timestamptz,
    customer_name      varchar(200)  not null,
    street             varchar(200),
    postcode           varchar(20),
    city               varchar(100),
    country            char(2),
    vat_id             varchar(20),
    vat_treatment      varchar(16)   not null,
    vat_rate           numeric(5,2)  not null,
    net_subscriptions  numeric(14,2) not null,
    net_airtime        numeric(14,2) not null,
    net                numeric(14,2) not null,
    vat                numeric(14,2) not null,
    gross              numeric(14,2) not null,
    unique (customer_id, month)
);

create table billing_invoice_lines (
    invoice_id   uuid          not null references billing_invoices (id),
    position     integer       not null,
    customer_id  uuid          not null,
    instance_id  uuid          not null,
    kind         varchar(16)   not null,
    description  varchar(400)  not null,
    period_from  timestamptz,
    period_to    timestamptz,
    quantity     varchar(40)   not null,
    amount       numeric(14,2) not null,
    primary key (invoice_id, position)
);

-- A finalised invoice never changes: corrections are credit notes.
create function billing_finalised_is_final() returns trigger language plpgsql as $$
begin
    raise exception 'finalised invoice % cannot be changed or deleted', old.number;
end $$;
create trigger billing_invoices_final before update or delete on billing_invoices
    for each row when (old.number is not null) execute function billing_finalised_is_final();
create function billing_lines_are_final() returns trigger language plpgsql as $$
begin
    raise exception 'invoice lines cannot be changed or deleted';
end $$;
create trigger billing_invoice_lines_final before update or delete on billing_invoice_lines
    for each row execute function billing_lines_are_final();

-- Direct debit of an invoice: OPEN until a SEPA batch takes it, then SUBMITTED, COLLECTED or RETURNED.
create table billing_payments (
    invoice_id         uuid primary key references billing_invoices (id),
    customer_id        uuid        not null,
    status             varchar(12) not null,
    mandate_reference  varchar(35),
    mandate_signed_on  date,
    iban               varchar(34),
    account_holder     varchar(70),
    sequence_type      varchar(4),
    due_on             date,
    batch_month        char(7),
    updated_at         timestamptz not null,
    return_reason      varchar(200)
);
create index billing_payments_customer on billing_payments (customer_id);
create index billing_payments_mandate on billing_payments (mandate_reference);

insert into billing_tariff_zones values
    ('00000000-0000-0000-0000-0000000000f1', 'German fixed',  0.0190, '60/60', 0.0000, now()),
    ('00000000-0000-0000-0000-0000000000f2', 'German mobile', 0.0890, '60/1',  0.0000, now()),
    ('00000000-0000-0000-0000-0000000000f3', 'EU',            0.0490, '60/60', 0.0000, now()),
    ('00000000-0000-0000-0000-0000000000f4', 'World',         0.2900, '60/60', 0.0500, now());
insert into billing_tariff_prefixes (prefix, zone_id)
select p, '00000000-0000-0000-0000-0000000000f1'::uuid from unnest(array['49']) p
union all
select p, '00000000-0000-0000-0000-0000000000f2'::uuid
  from unnest(array['4915', '4916', '4917']) p
union all
select p, '00000000-0000-0000-0000-0000000000f3'::uuid
  from unnest(array['30', '31', '32', '33', '34', '351', '352', '353', '356', '357', '358', '359', '36', '370',
                    '371', '372', '385', '386', '39', '40', '420', '421', '43', '45', '46', '48']) p
union all
select p, '00000000-0000-0000-0000-0000000000f4'::uuid
  from unnest(array['1', '7', '20', '27', '41', '44', '47', '52', '54', '55', '61', '64', '65', '81', '82', '86',
                    '90', '91', '971', '972']) p;
