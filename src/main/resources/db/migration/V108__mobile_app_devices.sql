-- A paired mobile app gets a SIP device of its own (kind MOBILE_APP), removed when it is unpaired.
-- A table of its own beside phone_mobiles (which a later-numbered script creates).
create table phone_mobile_devices (
    mobile_id     uuid primary key,
    customer_id   uuid not null,
    instance_id   uuid not null,
    sip_device_id uuid not null
);
