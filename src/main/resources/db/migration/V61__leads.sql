-- Leads recorded by operators and offered to partners in turn.
create table leads (
    id                uuid primary key,
    company           varchar(200) not null,
    contact_name      varchar(200) not null,
    contact_email     varchar(254) not null,
    contact_phone     varchar(40),
    country           char(2)      not null,
    postcode          varchar(10)  not null,
    region            varchar(10)  not null,
    employees         integer      not null,
    notes             varchar(1000),
    status            varchar(20)  not null,
    partner_id        uuid references partners (id),
    offered_at        timestamptz,
    offer_expires_at  timestamptz,
    accepted_at       timestamptz,
    invitation_id     uuid,
    invited_at        timestamptz,
    converted_at      timestamptz,
    created_at        timestamptz  not null,
    constraint leads_status check (status in ('OFFERED', 'ACCEPTED', 'UNASSIGNED'))
);
create index leads_partner on leads (partner_id, created_at desc);
create index leads_expiring on leads (offer_expires_at) where status = 'OFFERED';

-- Who was offered a lead, when, and what came of it.
create table lead_offers (
    lead_id      uuid        not null references leads (id),
    partner_id   uuid        not null references partners (id),
    offered_at   timestamptz not null,
    answered_at  timestamptz,
    outcome      varchar(20),
    primary key (lead_id, partner_id),
    constraint lead_offers_outcome check (outcome in ('ACCEPTED', 'DECLINED', 'EXPIRED'))
);
create index lead_offers_partner on lead_offers (partner_id);
