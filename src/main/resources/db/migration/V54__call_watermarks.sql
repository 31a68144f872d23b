-- Calls are billed by the order they arrived in, not by marking each row: every call record gets an
-- increasing sequence number when it is stored (a rated-again call a new one), a run takes the
-- highest number stored when it is created (its watermark), and a run's batch bills of its customers
-- the rated calls numbered above the customer's own watermark up to the run's, then raises the
-- customer's watermark. No call row is written by the run.
alter table billing_calls add column seq bigint;
create sequence billing_calls_seq;
-- Existing calls are numbered in the order of the run that billed them (calls no run billed last),
-- so that what each earlier run billed of a customer is one range of numbers.
with numbered as (
    select instance_id, call_id,
           row_number() over (order by billed_in nulls last, received_at, instance_id, call_id) as n
    from billing_calls)
update billing_calls c set seq = numbered.n
from numbered where c.instance_id = numbered.instance_id and c.call_id = numbered.call_id;
select setval('billing_calls_seq', coalesce((select max(seq) from billing_calls), 0) + 1, false);
alter table billing_calls alter column seq set default nextval('billing_calls_seq');
alter table billing_calls alter column seq set not null;
alter sequence billing_calls_seq owned by billing_calls.seq;
create unique index billing_calls_seq_key on billing_calls (customer_id, seq) include (instance_id, zone, started_at,
    billed_seconds, charge) where outcome = 'RATED';

-- The run's watermark (the highest call number stored when it was created) and its cut-off (the
-- end of its month: calls made from then on wait for a later run).
alter table billing_runs add column call_seq bigint not null default 0, add column cut_off timestamptz;
update billing_runs r set
    call_seq = coalesce((select max(c.seq) from billing_calls c where c.billed_in is not null and c.billed_in <= r.month), 0),
    cut_off = (to_date(r.month, 'YYYY-MM') + interval '1 month')::timestamp at time zone 'Europe/Berlin';
alter table billing_runs alter column cut_off set not null;

-- What a work item billed of its customer's calls: the numbers above calls_after up to calls_upto
-- that were made before the run's cut-off (and the deferred ones below that it billed).
alter table billing_run_items add column calls_after bigint, add column calls_upto bigint;
update billing_run_items i set
    calls_upto = r.call_seq,
    calls_after = coalesce((select max(p.call_seq) from billing_runs p where p.month < i.month), 0)
from billing_runs r where r.month = i.month and i.done;

-- Per customer, the highest call number a run billed up to (all of them before that run's cut-off
-- or deferred). Its row is locked while a batch bills the customer, so two runs never take a call twice.
create table billing_call_watermarks (
    customer_id  uuid   primary key,
    seq          bigint not null
);
insert into billing_call_watermarks (customer_id, seq)
select distinct i.customer_id, (select coalesce(max(seq), 0) from billing_calls where billed_in is not null)
from billing_run_items i where i.done;

-- The exceptions: calls a run reached by number but that were made after its cut-off (in the half
-- hour between a month's end and its run, or with a start in the future). The next run whose
-- cut-off lies after them bills them and notes itself in billed_in.
create table billing_calls_deferred (
    customer_id  uuid    not null,
    seq          bigint  not null,
    deferred_in  char(7) not null,
    billed_in    char(7),
    primary key (customer_id, seq)
);
create index billing_calls_deferred_billed on billing_calls_deferred (customer_id, billed_in);

drop index billing_calls_unbilled;
drop index billing_calls_billed;
alter table billing_calls drop column billed_in;
