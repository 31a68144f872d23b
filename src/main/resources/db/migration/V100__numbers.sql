-- Numbers: the inventory the platform holds from its carrier, handed out to instances.

-- The operator's settings (one row): quarantine of released numbers and the monthly prices of
-- numbers beyond those included (one per concurrent user), and the porting fee per number.
create table number_settings (
    id                    integer       primary key default 1 check (id = 1),
    quarantine_months     integer       not null default 6 check (quarantine_months between 0 and 60),
    single_monthly_net    numeric(12,2) not null default 1.00 check (single_monthly_net >= 0),
    block10_monthly_net   numeric(12,2) not null default 5.00 check (block10_monthly_net >= 0),
    block100_monthly_net  numeric(12,2) not null default 30.00 check (block100_monthly_net >= 0),
    block1000_monthly_net numeric(12,2) not null default 200.00 check (block1000_monthly_net >= 0),
    porting_fee_net       numeric(12,2) not null default 0.00 check (porting_fee_net >= 0),
    updated_at            timestamptz,
    updated_by            varchar(254)
);
insert into number_settings (id) values (1);

-- A range is what is handed out as one: a single number, or a block (a base number with a 1-, 2-
-- or 3-digit extension range). Its state holds for all of its numbers.
create table number_ranges (
    id                uuid          primary key,
    source            varchar(10)   not null,
    kind              varchar(10)   not null,
    base              varchar(16)   not null,
    extension_digits  integer       not null,
    size              integer       not null,
    country           char(2)       not null,
    area_code         varchar(8)    not null,
    city              varchar(100)  not null,
    state             varchar(12)   not null,
    customer_id       uuid,
    instance_id       uuid,
    local_address     varchar(300),
    activated_at      timestamptz,
    quarantined_until timestamptz,
    created_at        timestamptz   not null,
    created_by        varchar(254)  not null,
    constraint number_ranges_source check (source in ('INVENTORY', 'PORTED')),
    constraint number_ranges_kind check (kind in ('SINGLE', 'BLOCK')),
    constraint number_ranges_size check ((kind = 'SINGLE' and extension_digits = 0 and size = 1)
        or (kind = 'BLOCK' and extension_digits between 1 and 3 and size = power(10, extension_digits))),
    constraint number_ranges_state check (state in ('AVAILABLE', 'RESERVED', 'ACTIVE', 'PORTING_IN', 'PORTING_OUT',
        'QUARANTINED')),
    constraint number_ranges_holder check (state not in ('ACTIVE', 'PORTING_IN', 'PORTING_OUT')
        or (customer_id is not null and instance_id is not null))
);
-- Handing out: the oldest free range of an area code and size first.
create index number_ranges_free on number_ranges (area_code, kind, size, base)
    where state in ('AVAILABLE', 'QUARANTINED');
create index number_ranges_instance on number_ranges (instance_id) where instance_id is not null;

-- Every number of every range, so that no number is held twice and a call finds its range at once.
create table numbers (
    e164      varchar(16) primary key,
    range_id  uuid        not null references number_ranges (id) on delete cascade
);
create index numbers_range on numbers (range_id);
create index numbers_prefix on numbers (e164 varchar_pattern_ops);

-- Where calls to a number go; a number without a row rings the instance's main line.
create table number_assignments (
    e164         varchar(16)  primary key references numbers (e164) on delete cascade,
    customer_id  uuid         not null,
    instance_id  uuid         not null,
    target       varchar(10)  not null,
    extensions   varchar(500) not null default '',
    constraint number_assignments_target check (target in ('EXTENSION', 'GROUP', 'MAIN_LINE'))
);

-- The number a subject (extension) shows as caller id when calling out.
create table number_caller_ids (
    instance_id  uuid        not null,
    extension    varchar(15) not null,
    customer_id  uuid        not null,
    e164         varchar(16) not null references numbers (e164) on delete cascade,
    primary key (instance_id, extension)
);

-- What billing charges: a range beyond the included numbers, at its monthly net, from when to when.
create table number_charges (
    id            uuid          primary key,
    range_id      uuid          not null references number_ranges (id),
    customer_id   uuid          not null,
    instance_id   uuid          not null,
    description   varchar(300)  not null,
    monthly_net   numeric(12,2) not null,
    charged_from  timestamptz   not null,
    charged_until timestamptz
);
create index number_charges_customer on number_charges (customer_id, charged_from);
create unique index number_charges_open on number_charges (range_id) where charged_until is null;

-- One-off fees (porting), invoiced in the month they fall in.
create table number_fees (
    id           uuid          primary key,
    customer_id  uuid          not null,
    instance_id  uuid          not null,
    description  varchar(300)  not null,
    net          numeric(12,2) not null,
    charged_at   timestamptz   not null
);
create index number_fees_customer on number_fees (customer_id, charged_at);
