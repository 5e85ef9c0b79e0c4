import { DomainInputError } from '../../../lib/kit';

/** Note input refused before anything was written; `field` names it (`entityType`, `entityId`, `body`, `visibility`). */
export class NoteInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'NOTE_INPUT_INVALID', 'note input');
  }
}
