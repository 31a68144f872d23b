-- A customer's trunk carries single numbers and blocks (a base number with 1-3 extension digits);
-- each of its numbers routes to an extension, a group or the main line, and may be a caller id,
-- like the platform's numbers.
alter table trunk_numbers add column block_base varchar(16);
alter table trunk_numbers add column extension_digits integer not null default 0;
update trunk_numbers set block_base = e164;
alter table trunk_numbers alter column block_base set not null;
alter table trunk_numbers add constraint trunk_numbers_digits check (extension_digits between 0 and 3);
alter table trunk_numbers add column target varchar(10);
alter table trunk_numbers add column extensions varchar(500) not null default '';
alter table trunk_numbers add constraint trunk_numbers_target
    check (target is null or target in ('EXTENSION', 'GROUP', 'MAIN_LINE'));
create index trunk_numbers_instance on trunk_numbers (instance_id);
create index trunk_numbers_prefix on trunk_numbers (e164 varchar_pattern_ops);

-- The trunk's number a subject (extension) shows as caller id; a subject has this or a platform
-- number in number_caller_ids, never both.
create table trunk_caller_ids (
    instance_id  uuid        not null,
    extension    varchar(15) not null,
    customer_id  uuid        not null,
    e164         varchar(16) not null references trunk_numbers (e164) on delete cascade,
    primary key (instance_id, extension)
);
