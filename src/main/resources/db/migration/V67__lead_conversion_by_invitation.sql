-- Conversions are recorded when the invited customer registers (an event of accounts), found by
-- the invitation. Leads whose invitation was accepted before that are converted here, once.
create index leads_invitation on leads (invitation_id) where invitation_id is not null;

update leads l set converted_at = i.accepted_at
from invitations i
where l.invitation_id = i.id and l.partner_id = i.partner_id
  and l.converted_at is null and i.accepted_at is not null;
