import { DomainInputError, DomainNotFoundError, DomainStateError } from '../../../lib/kit';

export class PaymentNotFoundError extends DomainNotFoundError {
  constructor(readonly paymentId: string) {
    super('payment', paymentId);
  }
}

/** A payment action refused its input; `field` names it (`amount`, `applications[1].invoiceId`, …). */
export class PaymentInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'PAYMENT_INPUT_INVALID', 'payment input');
  }
}

/**
 * More would be applied than the payment still holds, or refunded than it received.
 * `available` is what was left, in minor units.
 */
export class PaymentAmountExceededError extends DomainStateError {
  constructor(
    readonly paymentId: string,
    readonly requested: number,
    readonly available: number,
    action: 'apply' | 'refund',
  ) {
    super(`Cannot ${action} ${requested} of payment ${paymentId}: only ${available} is available`, action === 'apply' ? 'PAYMENT_OVER_APPLIED' : 'PAYMENT_OVER_REFUNDED');
  }
}
