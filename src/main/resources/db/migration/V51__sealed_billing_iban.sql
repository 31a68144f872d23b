-- Bank account numbers kept by billing are stored encrypted (see SecretBox), like the instances'.
alter table billing_instances alter column iban type varchar(200);
alter table billing_payments alter column iban type varchar(200);
