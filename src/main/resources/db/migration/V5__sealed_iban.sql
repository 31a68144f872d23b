-- The IBAN is stored encrypted (see SecretBox): longer than an IBAN.
alter table instances alter column iban type varchar(200);
