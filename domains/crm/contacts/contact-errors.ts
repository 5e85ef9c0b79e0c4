import { DomainInputError, DomainNotFoundError, DomainStateError } from '../../../lib/kit';

export class ContactNotFoundError extends DomainNotFoundError {
  constructor(readonly contactId: string) {
    super('contact', contactId);
  }
}

/** The contact is archived (by hand or merged into another): no edits, not primary, not a merge target. */
export class ContactArchivedError extends DomainStateError {
  override readonly field = 'contactId';
  constructor(
    readonly contactId: string,
    action: string,
  ) {
    super(`Cannot ${action}: contact ${contactId} is archived`, 'CONTACT_ARCHIVED');
  }
}

/** The action does not fit the contact (merging into itself, …). */
export class ContactStateError extends DomainStateError {
  constructor(message: string, code = 'CONTACT_STATE') {
    super(message, code);
  }
}

/** Contact input refused before anything was written; `field` names it (`fullName`, `email`, `clientId`, …). */
export class ContactInputError extends DomainInputError {
  constructor(field: string, reason: string, code = 'CONTACT_INPUT_INVALID') {
    super(field, reason, code, 'contact input');
  }
}

/** Another live contact of the tenant already has this email address (compared case-insensitively). */
export class ContactEmailTakenError extends ContactInputError {
  constructor(
    readonly email: string,
    readonly existingContactId: string,
  ) {
    super('email', `is already used by contact ${existingContactId}`, 'CONTACT_EMAIL_TAKEN');
  }
}
