-- Attempts around pairing codes (phone.internal.PairingThrottlePolicy): wrong codes per source
-- address, new codes per employee; forgotten an hour after the last attempt.
create table phone_pairing_throttle (
    scope         varchar(20)  not null check (scope in ('ADDRESS', 'EMPLOYEE')),
    subject       varchar(100) not null,
    attempts      integer      not null,
    last_attempt  timestamptz  not null,
    blocked_until timestamptz,
    primary key (scope, subject)
);
create index phone_pairing_throttle_last on phone_pairing_throttle (last_attempt);
