import { currentEmissionContext } from '../../lib/emission/emission-context';
import { MessageAuthorNotAllowedError, StaffActorRequiredError, TicketDomainError } from './errors';
import { MessageAuthorType } from './ticket';

type Context = ReturnType<typeof currentEmissionContext>;
export interface MessageAuthor {
  id: string;
  type: MessageAuthorType;
}

/** The emission clock: rows and payloads share it, so fake timers move both. */
export const actionTime = (): Date => currentEmissionContext().now();

/** The acting internal user of a staff-only action. */
export function requireStaff(action: string): string {
  const userId = currentEmissionContext().actorUserId;
  if (!userId) throw new StaffActorRequiredError(action);
  return userId;
}

/** A client contact acts: stated, or implied (a contact and no user) as the emission pipeline implies it. */
export function actsAsContact(ctx: Context = currentEmissionContext()): boolean {
  return (ctx.actorType ?? (ctx.actorUserId ? 'USER' : ctx.actorContactId ? 'CONTACT' : undefined)) === 'CONTACT';
}

const authorRequired = () => new TicketDomainError('MESSAGE_AUTHOR_REQUIRED', 'A message needs an author: pass one, or run with a user or contact actor');

/**
 * Who a message is from. USER and SYSTEM callers (e.g. email ingestion) may name the author; a
 * contact posts as itself only, or it could reply as staff and meet the response SLA.
 */
export function messageAuthor(requested?: MessageAuthor): MessageAuthor {
  const ctx = currentEmissionContext();
  if (!actsAsContact(ctx)) return requested ?? contextAuthor(ctx);
  if (!ctx.actorContactId) throw authorRequired();
  if (requested && (requested.type !== 'contact' || requested.id !== ctx.actorContactId)) throw new MessageAuthorNotAllowedError(requested);
  return { id: ctx.actorContactId, type: 'contact' };
}

/** The default for USER and SYSTEM contexts: the user, or the contact a SYSTEM job acts for. */
function contextAuthor(ctx: Context): MessageAuthor {
  if (ctx.actorUserId) return { id: ctx.actorUserId, type: 'user' };
  if (ctx.actorContactId) return { id: ctx.actorContactId, type: 'contact' };
  throw authorRequired();
}
