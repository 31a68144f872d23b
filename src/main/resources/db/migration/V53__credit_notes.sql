-- Credit notes an operator issues against a finalised invoice: the corrected invoice, the reason,
-- what happens to money already paid; each line names the invoice line it credits.
alter table billing_invoices add column corrects_invoice_id uuid references billing_invoices (id);
alter table billing_invoices add column credit_reason varchar(500);
alter table billing_invoices add column settlement varchar(400);
alter table billing_invoice_lines add column corrects_position integer;

-- One invoice per customer and run; credit notes carry the corrected invoice's month beside it.
alter table billing_invoices drop constraint billing_invoices_customer_id_month_key;
create unique index billing_invoices_one_per_run on billing_invoices (customer_id, month)
    where corrects_invoice_id is null;
create index billing_invoices_corrections on billing_invoices (corrects_invoice_id)
    where corrects_invoice_id is not null;
