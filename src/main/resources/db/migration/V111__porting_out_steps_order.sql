-- Steps entered within the same instant keep the order they were entered in.
alter table porting_out_steps add column seq bigserial;
