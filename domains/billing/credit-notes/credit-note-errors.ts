import { DomainInputError, DomainNotFoundError, DomainStateError } from '../../../lib/kit';
import { CreditNoteStatus } from './credit-note';

export class CreditNoteNotFoundError extends DomainNotFoundError {
  constructor(readonly creditNoteId: string) {
    super('credit note', creditNoteId);
  }
}

/** A credit-note action refused its input; `field` names it. */
export class CreditNoteInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'CREDIT_NOTE_INPUT_INVALID', 'credit note input');
  }
}

/** The note's status does not allow the action (applying a voided note, voiding an applied one). */
export class CreditNoteStateError extends DomainStateError {
  constructor(
    readonly creditNoteId: string,
    readonly status: CreditNoteStatus,
    action: string,
    why = `it is ${status}`,
  ) {
    super(`Cannot ${action} credit note ${creditNoteId}: ${why}`, 'CREDIT_NOTE_STATE');
  }
}

/** More would be applied than the note has left. */
export class CreditNoteAmountExceededError extends DomainStateError {
  constructor(
    readonly creditNoteId: string,
    readonly requested: number,
    readonly remaining: number,
  ) {
    super(`Cannot apply ${requested} of credit note ${creditNoteId}: only ${remaining} remains`, 'CREDIT_NOTE_OVER_APPLIED');
  }
}
