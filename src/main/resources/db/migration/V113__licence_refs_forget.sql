-- Ended and refused refs are kept for 24 hours (LicencePolicy.REF_MEMORY) in this table alone: a
-- pool keeps them in memory only for a few minutes and reads back those an event names. The
-- reclaim job deletes the older ones of every pool through this index, a range read by last_seen.
create index licence_refs_forget on licence_refs (last_seen) where state <> 'HELD';
