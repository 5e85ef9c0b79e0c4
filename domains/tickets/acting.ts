import { currentEmissionContext } from '../../lib/emission/emission-context';
import { StaffActorRequiredError, TicketDomainError } from './errors';
import { MessageAuthorType } from './ticket';

/** The emission clock: rows and payloads share it, so fake timers move both. */
export const actionTime = (): Date => currentEmissionContext().now();

/** The acting internal user of a staff-only action. */
export function requireStaff(action: string): string {
  const userId = currentEmissionContext().actorUserId;
  if (!userId) throw new StaffActorRequiredError(action);
  return userId;
}

/** Who a message is from when the caller does not say: the contact or user of the emission context. */
export function contextAuthor(): { id: string; type: MessageAuthorType } {
  const ctx = currentEmissionContext();
  const contact = ctx.actorContactId && (ctx.actorType === 'CONTACT' || !ctx.actorUserId);
  if (contact) return { id: ctx.actorContactId!, type: 'contact' };
  if (ctx.actorUserId) return { id: ctx.actorUserId, type: 'user' };
  throw new TicketDomainError('MESSAGE_AUTHOR_REQUIRED', 'A message needs an author: pass one, or run with a user or contact actor');
}
