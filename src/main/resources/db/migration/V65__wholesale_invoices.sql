-- A wholesale invoice to a CSP partner covers all the customers it bought for in a month: it has no customer.
alter table partner_invoices alter column customer_id drop not null;
