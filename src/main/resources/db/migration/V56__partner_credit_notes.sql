-- An operator's credit note against an invoice to a partner has no customer either: one run invoice
-- per partner and month, as for customers (V53), and credit notes beside it.
drop index billing_invoices_partner_month;
create unique index billing_invoices_partner_month on billing_invoices (partner_id, month)
    where customer_id is null and corrects_invoice_id is null;
