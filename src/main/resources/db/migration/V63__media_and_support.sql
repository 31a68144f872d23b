-- Files operators publish for partners: price lists, flyers, the marketing pack.
create table partner_media (
    id            uuid primary key,
    kind          varchar(20)  not null,
    title         varchar(200) not null,
    filename      varchar(200) not null,
    content_type  varchar(100) not null,
    content       bytea        not null,
    size          integer      not null,
    uploaded_at   timestamptz  not null,
    constraint partner_media_kind check (kind in ('PRICE_LIST', 'FLYER', 'MARKETING_PACK', 'OTHER'))
);

-- Support requests of partners, in the queue their level gives them.
create table support_requests (
    id          uuid primary key,
    partner_id  uuid          not null references partners (id),
    queue       varchar(20)   not null,
    subject     varchar(200)  not null,
    body        varchar(5000) not null,
    created_by  varchar(254)  not null,
    created_at  timestamptz   not null,
    constraint support_requests_queue check (queue in ('PARTNER_SUPPORT', 'LICENCE_SUPPORT'))
);
create index support_requests_queue on support_requests (queue, created_at desc);
create index support_requests_partner on support_requests (partner_id, created_at desc);
