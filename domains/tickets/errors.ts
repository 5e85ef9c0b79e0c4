import { DomainError, DomainInputError, DomainNotFoundError, DomainStateError } from '../../lib/kit';

/** Refusals of the tickets domain; each carries a stable `code` for API callers. */

export class TicketNotFoundError extends DomainNotFoundError {
  constructor(readonly ticketId: string) {
    super('ticket', ticketId);
  }
}

/** A status, priority, board, tag, message or policy id that does not exist for the tenant. */
export class TicketReferenceError extends DomainNotFoundError {
  constructor(kind: string, id: string) {
    super(kind, id, 'TICKET_REFERENCE_NOT_FOUND');
    this.message = `Unknown ${kind} ${id}`;
  }
}

/** The action does not fit the ticket's current state (merged, closed, wrong author, …). */
export class TicketStateError extends DomainStateError {
  constructor(message: string) {
    super(message, 'TICKET_STATE');
  }
}

/** Input a ticket action refuses; `field` names it. */
export class TicketInputError extends DomainInputError {
  constructor(field: string, reason: string, code = 'TICKET_INVALID') {
    super(field, reason, code, 'ticket input');
  }
}

/** A client contact named someone else (staff, another contact) as the author of its message. */
export class MessageAuthorNotAllowedError extends DomainError {
  constructor(readonly author: { id: string; type: string }) {
    super('MESSAGE_AUTHOR_NOT_ALLOWED', `A client contact posts as itself only, not as ${author.type} ${author.id}`, 'author');
  }
}
