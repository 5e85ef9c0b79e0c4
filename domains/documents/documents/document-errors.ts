import { DomainInputError, DomainNotFoundError } from '../../../lib/kit';

/** No such document for the acting tenant, or it was deleted. */
export class DocumentNotFoundError extends DomainNotFoundError {
  constructor(readonly documentId: string) {
    super('document', documentId);
  }
}

export class DocumentInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'DOCUMENT_INPUT_INVALID', 'document input');
  }
}
