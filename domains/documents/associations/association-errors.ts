import { DomainInputError, DomainNotFoundError } from '../../../lib/kit';
import { EntityType } from './association';

/** The record to link to does not exist for the acting tenant (its own module says so). */
export class DocumentTargetNotFoundError extends DomainNotFoundError {
  constructor(
    readonly entityType: EntityType,
    readonly entityId: string,
  ) {
    super(entityType, entityId, 'DOCUMENT_TARGET_NOT_FOUND');
  }
}

export class DocumentTargetInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'DOCUMENT_TARGET_INVALID', 'document target');
  }
}
