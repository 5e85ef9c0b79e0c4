import { iso } from '../../../lib/kit';
import { Interaction } from './interaction';

export const interactionLogged = (i: Interaction) => ({
  interactionId: i.id,
  clientId: i.clientId,
  contactId: i.contactId,
  interactionType: i.type,
  channel: i.channel,
  interactionOccurredAt: iso(i.occurredAt),
  loggedByUserId: i.loggedByUserId,
  subject: i.subject,
  outcome: i.outcome,
});
