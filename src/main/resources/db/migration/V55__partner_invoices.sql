-- Invoices to partners: what a CSP partner bought at wholesale for its customers (who get no
-- invoice from the platform), and the partner programme's charges (webinar seats).

-- The customers a CSP partner buys for, marked when the run is created, with the discount rate
-- then; they are done when their partner's invoice is made.
alter table billing_run_items add column buyer_partner_id uuid, add column discount_rate numeric(5, 4);
create index billing_run_items_buyer on billing_run_items (month, buyer_partner_id) where buyer_partner_id is not null;

-- One work item per partner invoiced in a run, claimed with SKIP LOCKED like the customers' items.
-- discount_rate is null for a partner with charges only.
create table billing_run_partners (
    month          char(7)      not null references billing_runs (month),
    partner_id     uuid         not null,
    discount_rate  numeric(5, 4),
    done           boolean      not null default false,
    invoice_id     uuid,
    primary key (month, partner_id)
);
create index billing_run_partners_pending on billing_run_partners (month) where not done;

-- The partner programme's charges as a run took them in: each charge once (primary key), in the
-- transaction that creates the run; invoice_id once its invoice is made.
create table billing_partner_charges (
    charge_id    uuid primary key,
    month        char(7)       not null references billing_runs (month),
    partner_id   uuid          not null,
    description  varchar(300)  not null,
    net          numeric(14, 2) not null,
    charged_at   timestamptz   not null,
    invoice_id   uuid
);
create index billing_partner_charges_run on billing_partner_charges (month, partner_id);

-- An invoice to a partner has no customer: one per partner and month. Its lines name the customer
-- they were bought for (none for a charge) and the instance (none for a charge).
alter table billing_invoices alter column customer_id drop not null;
create unique index billing_invoices_partner_month on billing_invoices (partner_id, month) where customer_id is null;
alter table billing_invoice_lines alter column customer_id drop not null;
alter table billing_invoice_lines alter column instance_id drop not null;
