-- Accounts: operators, partners, customers and their users.

create table partners (
    id              uuid primary key,
    name            varchar(200) not null,
    street          varchar(200),
    postcode        varchar(20),
    city            varchar(100),
    country         char(2)      not null,
    vat_id          varchar(20),
    contact_name    varchar(200),
    contact_phone   varchar(40),
    website         varchar(300),
    level           varchar(20)  not null default 'REGISTERED',
    status          varchar(30)  not null,
    created_at      timestamptz  not null,
    registered_on   date,
    constraint partners_level check (level in ('REGISTERED', 'CERTIFIED', 'PREMIUM', 'EXCELLENCE')),
    constraint partners_status check (status in ('PENDING_VERIFICATION', 'ACTIVE'))
);

create table customers (
    id              uuid primary key,
    name            varchar(200) not null,
    street          varchar(200),
    postcode        varchar(20),
    city            varchar(100),
    country         char(2)      not null,
    vat_id          varchar(20),
    partner_id      uuid references partners (id),
    created_at      timestamptz  not null
);
create index customers_partner on customers (partner_id);

create table users (
    id                 uuid primary key,
    email              varchar(254) not null,
    name               varchar(200) not null,
    password_hash      varchar(200),
    role               varchar(30)  not null,
    partner_id         uuid references partners (id),
    customer_id        uuid references customers (id),
    email_verified_at  timestamptz,
    created_at         timestamptz  not null,
    constraint users_email unique (email),
    constraint users_role check (role in ('OPERATOR', 'PARTNER_ADMIN', 'PARTNER_MEMBER', 'CUSTOMER_ADMIN', 'CUSTOMER_MEMBER')),
    constraint users_tenant check (
        (role = 'OPERATOR' and partner_id is null and customer_id is null)
        or (role in ('PARTNER_ADMIN', 'PARTNER_MEMBER') and partner_id is not null and customer_id is null)
        or (role in ('CUSTOMER_ADMIN', 'CUSTOMER_MEMBER') and customer_id is not null and partner_id is null))
);
create index users_customer on users (customer_id);
create index users_partner on users (partner_id);

-- Single-use links sent by e-mail; only a hash of the token is kept.
create table account_tokens (
    id          uuid primary key,
    purpose     varchar(30)  not null,
    token_hash  char(64)     not null unique,
    user_id     uuid         not null references users (id),
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    used_at     timestamptz,
    constraint account_tokens_purpose check (purpose in ('VERIFY_EMAIL', 'SET_PASSWORD'))
);

create table invitations (
    id            uuid primary key,
    partner_id    uuid         not null references partners (id),
    invited_by    uuid         not null references users (id),
    company_name  varchar(200) not null,
    email         varchar(254) not null,
    token_hash    char(64)     not null unique,
    created_at    timestamptz  not null,
    expires_at    timestamptz  not null,
    accepted_at   timestamptz,
    withdrawn_at  timestamptz,
    customer_id   uuid references customers (id)
);
create index invitations_partner on invitations (partner_id, created_at desc);

-- Failed logins per e-mail address, for slowing down guessing on every node alike.
create table login_failures (
    email         varchar(254) primary key,
    failures      integer      not null,
    last_failure  timestamptz  not null,
    locked_until  timestamptz
);

-- Every e-mail the platform sends, delivered over SMTP when one is configured.
create table mail_outbox (
    id          uuid primary key,
    recipient   varchar(254) not null,
    subject     varchar(300) not null,
    body        text         not null,
    links       text[]       not null default '{}',
    created_at  timestamptz  not null,
    sent_at     timestamptz,
    attempts    integer      not null default 0,
    last_error  text
);
create index mail_outbox_created on mail_outbox (created_at desc);
create index mail_outbox_unsent on mail_outbox (created_at) where sent_at is null;
