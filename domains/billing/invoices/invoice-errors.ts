import { DomainInputError, DomainNotFoundError, DomainStateError } from '../../../lib/kit';
import { InvoiceStatus } from './invoice';

export class InvoiceNotFoundError extends DomainNotFoundError {
  constructor(readonly invoiceId: string) {
    super('invoice', invoiceId);
  }
}

/** The invoice's status does not allow the action (finalizing a finalized invoice, …). */
export class InvoiceStateError extends DomainStateError {
  constructor(
    readonly invoiceId: string,
    readonly status: InvoiceStatus,
    action: string,
  ) {
    super(`Cannot ${action} invoice ${invoiceId}: it is ${status}`, 'INVOICE_STATE');
  }
}

/** generate() refused its input before writing anything; `field` names what is wrong (`currency`, `lines[1].quantity`, …). */
export class InvoiceInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'INVOICE_INPUT_INVALID', 'invoice input');
  }
}

/** More would be applied to an invoice than it still owes (or taken back than was applied). */
export class InvoiceBalanceError extends DomainStateError {
  constructor(
    readonly invoiceId: string,
    readonly amount: number,
    readonly balance: number,
  ) {
    super(`Cannot apply ${amount} to invoice ${invoiceId}: its open balance is ${balance}`, 'INVOICE_BALANCE_EXCEEDED');
  }
}
