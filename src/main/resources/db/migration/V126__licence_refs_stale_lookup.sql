-- The reclaim job's look-up of pools with stale refs (every 10 s): desktop sessions held and
-- silent since a cut-off, calls held and started before one. Each is a range read of its own
-- index instead of a walk over every held ref. A heartbeat changes last_seen at most every 30 s
-- per session (LicencePolicy.HEARTBEAT_STORE_INTERVAL), so the first index costs little to keep.
create index licence_refs_held_desktop_seen on licence_refs (last_seen, instance_id)
    where state = 'HELD' and reason = 'DESKTOP_SESSION';
create index licence_refs_held_call_since on licence_refs (since, instance_id)
    where state = 'HELD' and reason = 'OUTBOUND_CALL';
