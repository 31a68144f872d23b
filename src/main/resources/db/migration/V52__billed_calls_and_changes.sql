-- Every billable call and every timeline change is billed exactly once: billed_in names the run
-- (its month) that billed it, and so the customer's invoice of that run. A run bills what is not
-- billed yet, also of earlier months (call records or instance events that came after their run).
alter table billing_calls add column billed_in char(7);
alter table billing_timeline add column billed_in char(7);

-- What runs before this version billed: the calls of their month received until the run was
-- created (it summed them then), and the changes before the end of a month whose run invoiced the customer.
update billing_calls c set billed_in = r.month
from billing_runs r join billing_run_items i on i.month = r.month and i.done
where c.outcome = 'RATED' and i.customer_id = c.customer_id and c.received_at <= r.started_at
  and c.started_at >= (to_date(r.month, 'YYYY-MM')::timestamp at time zone 'Europe/Berlin')
  and c.started_at < ((to_date(r.month, 'YYYY-MM') + interval '1 month')::timestamp at time zone 'Europe/Berlin');
update billing_timeline t set billed_in = (
    select min(i.month) from billing_run_items i
    where i.customer_id = t.customer_id and i.done
      and t.at < ((to_date(i.month, 'YYYY-MM') + interval '1 month')::timestamp at time zone 'Europe/Berlin'));

-- A run's batch claims a customer's unbilled rated calls; an invoice's appendix lists what its run billed.
create index billing_calls_unbilled on billing_calls (customer_id) where outcome = 'RATED' and billed_in is null;
create index billing_calls_billed on billing_calls (customer_id, billed_in) where billed_in is not null;
create index billing_timeline_unbilled on billing_timeline (customer_id) where billed_in is null;

-- The run no longer sums a month's airtime when it is created: each batch claims its customers' calls.
drop index billing_calls_started;
drop table billing_run_airtime;
