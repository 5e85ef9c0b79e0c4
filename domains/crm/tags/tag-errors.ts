import { DomainInputError, DomainNotFoundError } from '../../../lib/kit';

export class TagNotFoundError extends DomainNotFoundError {
  constructor(readonly tagId: string) {
    super('tag', tagId);
  }
}

/** Tag input refused before anything was written; `field` names it (`name`, `entityType`, `entityId`). */
export class TagInputError extends DomainInputError {
  constructor(field: string, reason: string, code = 'TAG_INPUT_INVALID') {
    super(field, reason, code, 'tag input');
  }
}

/** Another tag of the tenant has this name, compared case-insensitively (field `name`). */
export class TagNameTakenError extends TagInputError {
  constructor(
    readonly tagName: string,
    readonly existingTagId?: string,
  ) {
    super('name', `is already used by ${existingTagId ? `tag ${existingTagId}` : 'another tag'}`, 'TAG_NAME_TAKEN');
  }
}
