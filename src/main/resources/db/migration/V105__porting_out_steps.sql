-- The steps of a number porting out (request arrived, confirmed for a date, rejected, withdrawn,
-- completed), with the receiving provider, the date and the reason the operator entered.
create table porting_out_steps (
    id          uuid          primary key,
    range_id    uuid          not null references number_ranges (id) on delete cascade,
    step        varchar(10)   not null,
    porting_on  date,
    provider    varchar(200),
    note        varchar(1000),
    at          timestamptz   not null,
    by_user     varchar(254)  not null,
    constraint porting_out_steps_step check (step in ('START', 'CONFIRM', 'REJECT', 'WITHDRAW', 'COMPLETE'))
);
create index porting_out_steps_range on porting_out_steps (range_id, at);
