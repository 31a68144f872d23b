-- Training: video tutorials and the online test (basic), webinars (premium).
create table training_videos (
    id          uuid primary key,
    title       varchar(200) not null,
    url         varchar(500) not null,
    created_at  timestamptz  not null
);

create table training_questions (
    id          uuid primary key,
    text        varchar(1000) not null,
    options     text[]        not null,
    correct     integer       not null,
    active      boolean       not null default true,
    created_at  timestamptz   not null
);

-- One sitting of the online test: the questions in the order shown, answered once.
create table training_tests (
    id            uuid primary key,
    partner_id    uuid        not null references partners (id),
    started_at    timestamptz not null,
    question_ids  uuid[]      not null,
    answered_at   timestamptz,
    correct       integer,
    passed        boolean
);
create index training_tests_partner on training_tests (partner_id, started_at desc);

create table webinars (
    id          uuid primary key,
    title       varchar(200)   not null,
    starts_at   timestamptz    not null,
    seats       integer        not null,
    list_price  numeric(14, 2) not null,
    created_at  timestamptz    not null
);

-- A seat booked; the charge waits for billing to invoice it.
create table webinar_bookings (
    id              uuid primary key,
    webinar_id      uuid           not null references webinars (id),
    partner_id      uuid           not null references partners (id),
    booked_at       timestamptz    not null,
    list_price      numeric(14, 2) not null,
    discount        numeric(5, 4)  not null,
    price           numeric(14, 2) not null,
    charge_status   varchar(20)    not null,
    attended_at     timestamptz,
    constraint webinar_bookings_once unique (webinar_id, partner_id),
    constraint webinar_bookings_charge check (charge_status in ('TO_INVOICE', 'INVOICED'))
);
create index webinar_bookings_partner on webinar_bookings (partner_id);
