-- Every node keeps the registrations it routes calls to in memory (telephony's BindingCache); a
-- change that a node's memory could miss is announced to all nodes when it commits: a binding
-- added or removed, its flow, contact or user agent changed, or its expiry brought forward (a
-- closed WebSocket). A refresh that only extends a binding announces nothing: a node that still
-- holds the earlier expiry reads the binding again once that has passed.
create function sip_bindings_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' then
        perform pg_notify('sip_bindings_changed', old.instance_id::text);
    else
        perform pg_notify('sip_bindings_changed', new.instance_id::text);
    end if;
    return null;
end
$$;

create trigger sip_bindings_added_or_removed after insert or delete on sip_bindings
    for each row execute function sip_bindings_changed();

create trigger sip_bindings_moved after update on sip_bindings
    for each row when (new.flow is distinct from old.flow or new.contact is distinct from old.contact
        or new.user_agent is distinct from old.user_agent or new.expires_at < old.expires_at
        or new.instance_id is distinct from old.instance_id)
    execute function sip_bindings_changed();
