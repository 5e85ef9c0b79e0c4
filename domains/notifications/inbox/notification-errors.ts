import { DomainInputError, DomainNotFoundError, DomainStateError } from '../../../lib/kit';

/** A notification request or inbox call with a bad field (`field` names it). */
export class NotificationInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'NOTIFICATION_INPUT_INVALID', 'notification');
  }
}

/** No such notification for the acting tenant (and recipient, where one is given). */
export class NotificationNotFoundError extends DomainNotFoundError {
  constructor(id: string) {
    super('notification', id);
  }
}

/** The notification is not in a state that allows the action (retrying a delivered one). */
export class NotificationStateError extends DomainStateError {
  constructor(message: string) {
    super(message, 'NOTIFICATION_STATE_INVALID');
  }
}
