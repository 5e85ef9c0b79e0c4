import { DomainInputError, DomainNotFoundError, DomainStateError } from '../../../lib/kit';

export class ClientNotFoundError extends DomainNotFoundError {
  constructor(readonly clientId: string) {
    super('client', clientId);
  }
}

/**
 * The client is archived (by hand or because it was merged into another): it takes no edits, new
 * contacts, new tickets or appointments. `field` is `clientId` (or the caller's field naming it).
 */
export class ClientArchivedError extends DomainStateError {
  override readonly field: string;
  constructor(
    readonly clientId: string,
    action: string,
    field = 'clientId',
  ) {
    super(`Cannot ${action}: client ${clientId} is archived`, 'CLIENT_ARCHIVED');
    this.field = field;
  }
}

/** The action does not fit the client's state (merging into itself, a status it already has, …). */
export class ClientStateError extends DomainStateError {
  constructor(message: string, code = 'CLIENT_STATE') {
    super(message, code);
  }
}

/** Client input refused before anything was written; `field` names it (`name`, `status`, `ownerUserId`, …). */
export class ClientInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'CLIENT_INPUT_INVALID', 'client input');
  }
}
