-- Catalog: plans, versioned price lists with volume tiers, and the occupancy shares of the sizing rule.

create table plans (
    code        varchar(20)  primary key,
    name        varchar(100) not null,
    position    smallint     not null
);

-- A plan is for sale while a price list is in force for it: the version with the latest
-- effective_from on or before the day asked about. Versions are never changed once published.
create table price_lists (
    id              uuid          primary key,
    plan            varchar(20)   not null references plans (code),
    version         integer       not null,
    effective_from  date          not null,
    list_price      numeric(12,2) not null,
    currency        char(3)       not null,
    created_at      timestamptz   not null,
    constraint price_lists_version unique (plan, version),
    constraint price_lists_effective_from unique (plan, effective_from),
    constraint price_lists_version_positive check (version >= 1),
    constraint price_lists_list_price_positive check (list_price > 0),
    constraint price_lists_currency check (currency = 'EUR')
);

-- Volume tiers: gapless from 1, only the last without an upper end (checked by the domain).
create table price_list_tiers (
    price_list_id         uuid         not null references price_lists (id),
    from_concurrent_users integer      not null,
    to_concurrent_users   integer,
    discount_percent      numeric(5,2) not null,
    primary key (price_list_id, from_concurrent_users),
    constraint price_list_tiers_range check (from_concurrent_users >= 1
        and (to_concurrent_users is null or to_concurrent_users >= from_concurrent_users)),
    constraint price_list_tiers_discount check (discount_percent >= 0 and discount_percent < 100)
);

create table sizing_occupancy (
    employee_type      smallint     primary key,
    occupancy_percent  numeric(5,2) not null,
    changed_at         timestamptz,
    constraint sizing_occupancy_type check (employee_type between 1 and 4),
    constraint sizing_occupancy_percent check (occupancy_percent >= 0 and occupancy_percent <= 100)
);

insert into plans (code, name, position) values
    ('BASIC', 'Basic', 1),
    ('PREMIUM', 'Premium', 2);

-- Basic as the brochure prices it. Premium has no price list: not for sale until the operator publishes one.
insert into price_lists (id, plan, version, effective_from, list_price, currency, created_at) values
    ('6a0b7c2e-4f1d-4e8a-9b3c-2d5e7f901a01', 'BASIC', 1, date '2026-01-01', 8.90, 'EUR', now());

insert into price_list_tiers (price_list_id, from_concurrent_users, to_concurrent_users, discount_percent) values
    ('6a0b7c2e-4f1d-4e8a-9b3c-2d5e7f901a01',    1,   10,  0),
    ('6a0b7c2e-4f1d-4e8a-9b3c-2d5e7f901a01',   11,   25, 10),
    ('6a0b7c2e-4f1d-4e8a-9b3c-2d5e7f901a01',   26,   50, 15),
    ('6a0b7c2e-4f1d-4e8a-9b3c-2d5e7f901a01',   51,  100, 20),
    ('6a0b7c2e-4f1d-4e8a-9b3c-2d5e7f901a01',  101,  250, 30),
    ('6a0b7c2e-4f1d-4e8a-9b3c-2d5e7f901a01',  251,  500, 40),
    ('6a0b7c2e-4f1d-4e8a-9b3c-2d5e7f901a01',  501,  750, 50),
    ('6a0b7c2e-4f1d-4e8a-9b3c-2d5e7f901a01',  751, 1000, 60),
    ('6a0b7c2e-4f1d-4e8a-9b3c-2d5e7f901a01', 1001, null, 70);

-- 1 managers & field sales, 2 office personnel, 3 part-time office employees, 4 function extensions
insert into sizing_occupancy (employee_type, occupancy_percent) values
    (1, 100), (2, 80), (3, 40), (4, 10);
