-- Partner programme: levels, commission, CSP, payouts. Every row carries its partner_id.

-- A partner's programme settings; a row appears the first time the partner touches the programme.
create table programme_members (
    partner_id             uuid primary key references partners (id),
    csp                    boolean      not null default false,
    csp_changed_at         timestamptz,
    payout_iban            varchar(34),
    payout_holder          varchar(70),
    listing_url            varchar(300),
    listing_submitted_at   timestamptz,
    listing_confirmed_at   timestamptz,
    directory_listed       boolean      not null default false,
    directory_text         varchar(500),
    regions                text[]       not null default '{}',
    last_lead_offered_at   timestamptz,
    basic_training_on      date,
    premium_training_on    date
);

-- Customer invoices of partners' customers, as billing finalised them: the turnover and the base of commission.
create table partner_invoices (
    invoice_id          uuid primary key,
    partner_id          uuid          not null references partners (id),
    customer_id         uuid          not null,
    finalised_on        date          not null,
    subscriptions_net   numeric(14, 2) not null,
    airtime_net         numeric(14, 2) not null,
    wholesale           boolean       not null,
    returned_on         date,
    recorded_at         timestamptz   not null
);
create index partner_invoices_partner on partner_invoices (partner_id, finalised_on);

-- New subscriptions of partners' customers (trials converted and direct sales); renewals are not new.
create table partner_new_subscriptions (
    instance_id    uuid        not null,
    activated_at   timestamptz not null,
    partner_id     uuid        not null references partners (id),
    customer_id    uuid        not null,
    from_trial     boolean     not null,
    primary key (instance_id, activated_at)
);
create index partner_new_subscriptions_partner on partner_new_subscriptions (partner_id, activated_at);

-- Every change of level with the figures that decided it.
create table partner_level_changes (
    id                  uuid primary key,
    partner_id          uuid          not null references partners (id),
    from_level          varchar(20)   not null,
    to_level            varchar(20)   not null,
    effective_on        date          not null,
    reason              varchar(20)   not null,
    turnover            numeric(14, 2) not null,
    new_subscriptions   integer       not null,
    listing             boolean       not null,
    basic_training      boolean       not null,
    premium_training    boolean       not null,
    window_from         date          not null,
    window_to           date          not null,
    recorded_at         timestamptz   not null,
    constraint partner_level_changes_reason check (reason in ('RISE', 'FALL'))
);
create index partner_level_changes_partner on partner_level_changes (partner_id, effective_on);

-- A pending fall: notice given, applied at the yearly review unless the partner qualifies again.
create table partner_level_notices (
    id              uuid primary key,
    partner_id      uuid        not null references partners (id),
    current_level   varchar(20) not null,
    expected_level  varchar(20) not null,
    noticed_on      date        not null,
    review_on       date        not null,
    status          varchar(20) not null,
    closed_on       date,
    constraint partner_level_notices_status check (status in ('PENDING', 'APPLIED', 'WITHDRAWN'))
);
create unique index partner_level_notices_pending on partner_level_notices (partner_id) where status = 'PENDING';
create index partner_level_notices_due on partner_level_notices (review_on) where status = 'PENDING';

-- Monthly statements (credit notes) and their lines.
create table commission_statements (
    id          uuid primary key,
    partner_id  uuid          not null references partners (id),
    number      varchar(20)   not null unique,
    period      date          not null,
    issued_on   date          not null,
    total       numeric(14, 2) not null,
    status      varchar(20)   not null,
    payout_id   uuid,
    constraint commission_statements_status check (status in ('ISSUED', 'PAID')),
    constraint commission_statements_once unique (partner_id, period)
);

create table commission_lines (
    id                  uuid primary key,
    partner_id          uuid          not null references partners (id),
    invoice_id          uuid          not null,
    kind                varchar(20)   not null,
    customer_id         uuid          not null,
    finalised_on        date          not null,
    occurred_on         date          not null,
    subscriptions_net   numeric(14, 2) not null,
    airtime_net         numeric(14, 2) not null,
    level               varchar(20)   not null,
    rate                numeric(5, 4) not null,
    amount              numeric(14, 2) not null,
    statement_id        uuid references commission_statements (id),
    constraint commission_lines_kind check (kind in ('COMMISSION', 'REVERSAL')),
    constraint commission_lines_once unique (invoice_id, kind)
);
create index commission_lines_open on commission_lines (partner_id, occurred_on) where statement_id is null;
create index commission_lines_statement on commission_lines (statement_id);

-- Gapless numbers of document series, per year; the row is locked while a number is taken.
create table programme_number_series (
    series       varchar(10) not null,
    year         integer     not null,
    last_number  integer     not null,
    primary key (series, year)
);

create table payout_batches (
    id           uuid primary key,
    message_id   varchar(35)   not null unique,
    created_at   timestamptz   not null,
    execution_on date          not null,
    total        numeric(14, 2) not null,
    transfers    integer       not null,
    document     text          not null
);

-- Runs done once per period across all nodes (the monthly evaluation and statements).
create table programme_runs (
    kind      varchar(20) not null,
    period    varchar(20) not null,
    done_at   timestamptz not null,
    primary key (kind, period)
);
