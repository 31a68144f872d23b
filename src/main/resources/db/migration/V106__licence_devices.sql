-- The device each desktop session, mobile pairing and outbound call comes from, kept with the ref
-- and with every line of history: its id in the phone system and a name a person reads.
alter table licence_refs add column device_id varchar(100);
alter table licence_refs add column device_name varchar(100);
alter table licence_history add column device_id varchar(100);
alter table licence_history add column device_name varchar(100);
