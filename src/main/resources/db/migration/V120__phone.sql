-- The desktop client in the browser: employees as users of the platform, their browser device,
-- paired mobile devices.

alter table users drop constraint users_role;
alter table users add constraint users_role
    check (role in ('OPERATOR', 'PARTNER_ADMIN', 'PARTNER_MEMBER', 'CUSTOMER_ADMIN', 'CUSTOMER_MEMBER', 'EMPLOYEE'));
alter table users drop constraint users_tenant;
alter table users add constraint users_tenant check (
    (role = 'OPERATOR' and partner_id is null and customer_id is null)
    or (role in ('PARTNER_ADMIN', 'PARTNER_MEMBER') and partner_id is not null and customer_id is null)
    or (role in ('CUSTOMER_ADMIN', 'CUSTOMER_MEMBER', 'EMPLOYEE') and customer_id is not null and partner_id is null));

-- An employee (a licence subject of an instance) who signs in to the desktop client.
create table phone_employees (
    user_id      uuid primary key,
    customer_id  uuid         not null,
    instance_id  uuid         not null,
    subject_id   uuid         not null,
    extension    varchar(20)  not null,
    name         varchar(200) not null,
    device_id    uuid         not null,
    sip_user     varchar(64)  not null,
    invited_at   timestamptz  not null,
    constraint phone_employees_subject unique (instance_id, subject_id)
);
create index phone_employees_instance on phone_employees (instance_id);

-- Mobile devices paired with an employee's client: one licence with the client (MOBILE_PAIRED).
create table phone_pairing_codes (
    code_hash    varchar(64) primary key,
    user_id      uuid        not null references phone_employees (user_id) on delete cascade,
    instance_id  uuid        not null,
    expires_at   timestamptz not null,
    used_at      timestamptz
);
create table phone_mobiles (
    id           uuid primary key,
    user_id      uuid         not null references phone_employees (user_id) on delete cascade,
    customer_id  uuid         not null,
    instance_id  uuid         not null,
    name         varchar(100) not null,
    token_hash   varchar(64)  not null unique,
    paired_at    timestamptz  not null,
    unpaired_at  timestamptz
);
create index phone_mobiles_user on phone_mobiles (user_id);

-- A closed WebSocket ends the registrations over it at once.
create index sip_bindings_flow on sip_bindings (flow);
