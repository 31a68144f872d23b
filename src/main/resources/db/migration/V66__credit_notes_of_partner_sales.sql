-- A credit note of a partner's customer knows the invoice it corrects, so that a returned direct
-- debit of that invoice takes back only the commission that is left, and the turnover of both once.
alter table partner_invoices add column corrects uuid;
create index partner_invoices_corrects on partner_invoices (corrects) where corrects is not null;
