import { actsAsContact, currentContactId, currentUserId } from '../../../lib/kit';
import { MessageAuthorNotAllowedError, TicketInputError } from '../errors';
import { MessageAuthor } from './message';

const authorRequired = () => new TicketInputError('author', 'is required: pass one, or run with a user or contact actor', 'MESSAGE_AUTHOR_REQUIRED');

/**
 * Who a message is from. USER and SYSTEM callers (e.g. email ingestion) may name the author; a
 * contact posts as itself only, or it could reply as staff and meet the response SLA.
 */
export function messageAuthor(requested?: MessageAuthor): MessageAuthor {
  if (!actsAsContact()) return requested ?? contextAuthor();
  const contactId = currentContactId();
  if (!contactId) throw authorRequired();
  if (requested && (requested.type !== 'contact' || requested.id !== contactId)) throw new MessageAuthorNotAllowedError(requested);
  return { id: contactId, type: 'contact' };
}

/** The default for USER and SYSTEM contexts: the user, or the contact a SYSTEM job acts for. */
function contextAuthor(): MessageAuthor {
  const userId = currentUserId();
  if (userId) return { id: userId, type: 'user' };
  const contactId = currentContactId();
  if (contactId) return { id: contactId, type: 'contact' };
  throw authorRequired();
}
