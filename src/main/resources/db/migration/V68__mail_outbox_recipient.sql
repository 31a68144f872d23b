-- The mails to one address (Outbox.to), found without reading the whole outbox.
create index mail_outbox_recipient on mail_outbox (lower(recipient));
