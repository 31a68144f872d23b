-- Toll-fraud guards of each instance: the countries its customer admin opened for calls to the
-- public network (besides the home country, within what the operator allows), and the days on
-- which its daily airtime cap was reached and its admins were told (one alert a day).

create table sip_open_countries (
    instance_id uuid         not null,
    country     char(2)      not null,
    opened_at   timestamptz  not null,
    opened_by   varchar(320) not null,
    primary key (instance_id, country)
);

create table sip_airtime_alerts (
    instance_id uuid        not null,
    day         date        not null,
    sent_at     timestamptz not null,
    primary key (instance_id, day)
);

create index sip_calls_airtime on sip_calls (instance_id, answered_at) where direction = 'OUTBOUND';
