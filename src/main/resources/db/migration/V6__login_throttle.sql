-- Failed logins counted per account and source address, per account and per address
-- (accounts.internal.LoginThrottlePolicy); rows are forgotten an hour after their last failure.
drop table login_failures;

create table login_throttle (
    scope         varchar(20)  not null check (scope in ('ACCOUNT_AND_ADDRESS', 'ACCOUNT', 'ADDRESS')),
    subject       varchar(310) not null,
    failures      integer      not null,
    last_failure  timestamptz  not null,
    blocked_until timestamptz,
    primary key (scope, subject)
);
create index login_throttle_last_failure on login_throttle (last_failure);
