-- The premium-rate and service ranges are one list kept by the platform (blocked at call set-up,
-- left unrated by billing); the operator lets ranges through by prefix. A table of its own beside
-- sip_operator_settings (which a later-numbered script creates): no row means the default, the
-- freephone ranges. sip_operator_settings.blocked_prefixes now holds the operator's prefixes on
-- top of that list.
create table sip_operator_allowed_ranges (
    id               smallint      primary key default 1 check (id = 1),
    allowed_prefixes varchar(4000) not null
);
