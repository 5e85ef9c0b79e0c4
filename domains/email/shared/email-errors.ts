import { DomainInputError, DomainNotFoundError, DomainStateError } from '../../../lib/kit';

/** Bad input to an email action: `field` names it; nothing was written or emitted. */
export class EmailInputError extends DomainInputError {
  constructor(field: string, reason: string, code = 'EMAIL_INPUT_INVALID') {
    super(field, reason, code, 'email input');
  }
}

/** No such outbound message, mailbox or sending-service key for the acting tenant. */
export class EmailNotFoundError extends DomainNotFoundError {}

/** The action does not fit the record's state (sending a sent message, connecting a connected mailbox). */
export class EmailStateError extends DomainStateError {
  constructor(message: string, code = 'EMAIL_INVALID_STATE') {
    super(message, code);
  }
}
