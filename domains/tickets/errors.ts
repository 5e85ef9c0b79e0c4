/** Refusals of the tickets domain; each carries a stable `code` for API callers. */
export class TicketDomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class TicketNotFoundError extends TicketDomainError {
  constructor(readonly ticketId: string) {
    super('TICKET_NOT_FOUND', `Ticket ${ticketId} does not exist`);
  }
}

/** A status, priority, board, tag, message or policy id that does not exist for the tenant. */
export class TicketReferenceError extends TicketDomainError {
  constructor(
    readonly kind: string,
    readonly id: string,
  ) {
    super('TICKET_REFERENCE_NOT_FOUND', `Unknown ${kind} ${id}`);
  }
}

/** The action does not fit the ticket's current state (merged, closed, wrong author, …). */
export class TicketStateError extends TicketDomainError {
  constructor(message: string) {
    super('TICKET_STATE', message);
  }
}

/** The action is staff-only and the emission context carries no internal user. */
export class StaffActorRequiredError extends TicketDomainError {
  constructor(action: string) {
    super('STAFF_ACTOR_REQUIRED', `${action} needs an internal user: run it with actorUserId in the emission context`);
  }
}

/** A client contact named someone else (staff, another contact) as the author of its message. */
export class MessageAuthorNotAllowedError extends TicketDomainError {
  constructor(readonly author: { id: string; type: string }) {
    super('MESSAGE_AUTHOR_NOT_ALLOWED', `A client contact posts as itself only, not as ${author.type} ${author.id}`);
  }
}
