-- A number that left the platform for another provider: kept for the record, never handed out again.
alter table number_ranges drop constraint number_ranges_state;
alter table number_ranges add constraint number_ranges_state check (state in ('AVAILABLE', 'RESERVED', 'ACTIVE',
    'PORTING_IN', 'PORTING_OUT', 'QUARANTINED', 'PORTED_OUT'));
