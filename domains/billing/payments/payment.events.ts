import { BooleanField, CurrencyField, DateTimeField, DomainPayload, MoneyField, NestedArrayField, StringField, UuidField } from '../../../lib/kit';
import { billing } from '../module';

@billing.event({
  type: 'PAYMENT_RECORDED',
  name: 'Payment Recorded',
  description:
    'Money from a client was received and recorded (by staff, or from a succeeded Stripe PaymentIntent), before ' +
    'any allocation: applying it to invoices is PAYMENT_APPLIED. The same gateway transaction recorded again emits ' +
    'nothing. A collection attempt that failed is PAYMENT_FAILED, not this.',
})
export class PaymentRecordedPayload extends DomainPayload {
  @UuidField({ description: 'The payment' }) paymentId!: string;
  @UuidField({ description: 'Client who paid' }) clientId!: string;
  @DateTimeField({ description: 'When the money was received' }) receivedAt!: string;
  @MoneyField({ description: 'Amount received, in minor units of currency' }) amount!: number;
  @CurrencyField({ description: 'ISO 4217 currency' }) currency!: string;
  @StringField({ description: 'How it was paid', examples: ['card', 'ach', 'check'] }) method!: string;
  @UuidField({ optional: true, description: 'Staff user who recorded it; absent for a provider webhook' }) receivedByUserId?: string;
  @StringField({ optional: true, description: "The provider's transaction id (Stripe PaymentIntent pi_…)" }) gatewayTransactionId?: string;
}

/** One allocation of a payment to an invoice. */
export class PaymentApplicationItem {
  @UuidField({ description: 'Invoice the money went to' }) invoiceId!: string;
  @MoneyField({ description: 'Amount applied to it, in minor units of the payment’s currency' }) amountApplied!: number;
}

@billing.event({
  type: 'PAYMENT_APPLIED',
  name: 'Payment Applied',
  description:
    'A recorded payment was allocated to one or more invoices of its client, in its currency, one event per ' +
    'allocation call listing every invoice it covered. Never more than each invoice’s open balance nor the payment’s ' +
    'unapplied amount; the invoices’ status moves (→ partially_paid / paid) are INVOICE_STATUS_CHANGED. Credit ' +
    'notes reduce balances with CREDIT_NOTE_APPLIED instead.',
})
export class PaymentAppliedPayload extends DomainPayload {
  @UuidField({ description: 'The payment' }) paymentId!: string;
  @DateTimeField({ description: 'When it was applied' }) appliedAt!: string;
  @UuidField({ description: 'Staff user who applied it; for a webhook, the billing automation user (actorType SYSTEM)' }) appliedByUserId!: string;
  @NestedArrayField(() => PaymentApplicationItem, { description: 'Invoices and amounts', nonEmpty: true }) applications!: PaymentApplicationItem[];
}

@billing.event({
  type: 'PAYMENT_FAILED',
  name: 'Payment Failed',
  description:
    'An attempt to collect money from a client did not succeed (a declined card, a failed Stripe PaymentIntent): ' +
    'nothing was received and no balance changed. A later successful attempt is PAYMENT_RECORDED; money returned ' +
    'after success is PAYMENT_REFUNDED.',
})
export class PaymentFailedPayload extends DomainPayload {
  @UuidField({ optional: true, description: 'The payment the attempt was for, when one was recorded' }) paymentId?: string;
  @UuidField({ optional: true, description: 'Invoice the attempt was collecting' }) invoiceId?: string;
  @UuidField({ description: 'Client charged' }) clientId!: string;
  @DateTimeField({ description: 'When it failed' }) failedAt!: string;
  @MoneyField({ description: 'Amount attempted, in minor units of currency' }) amount!: number;
  @CurrencyField({ description: 'ISO 4217 currency' }) currency!: string;
  @StringField({ description: 'Payment method attempted', examples: ['card'] }) method!: string;
  @StringField({ optional: true, description: "Provider's failure code", examples: ['card_declined'] }) failureCode?: string;
  @StringField({ optional: true, description: "Provider's failure message" }) failureMessage?: string;
  @BooleanField({ optional: true, description: 'Whether trying again (e.g. with another method) may succeed' }) retryable?: boolean;
}

@billing.event({
  type: 'PAYMENT_REFUNDED',
  name: 'Payment Refunded',
  description:
    'Money from a payment was returned to the client, partly or fully. It comes first out of the unapplied part; ' +
    'the rest is taken back from the invoices it was applied to (newest allocation first), whose balances reopen ' +
    '(INVOICE_STATUS_CHANGED, e.g. paid → partially_paid). Not for credit notes (CREDIT_NOTE_CREATED).',
})
export class PaymentRefundedPayload extends DomainPayload {
  @UuidField({ description: 'The payment' }) paymentId!: string;
  @DateTimeField({ description: 'When it was refunded' }) refundedAt!: string;
  @UuidField({ description: 'Staff user who refunded it; for a webhook, the billing automation user (actorType SYSTEM)' }) refundedByUserId!: string;
  @MoneyField({ description: 'Amount refunded by this refund, in minor units of currency' }) amount!: number;
  @CurrencyField({ description: 'ISO 4217 currency of the payment' }) currency!: string;
  @StringField({ optional: true, description: 'Why it was refunded' }) reason?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    PAYMENT_RECORDED: PaymentRecordedPayload;
    PAYMENT_APPLIED: PaymentAppliedPayload;
    PAYMENT_FAILED: PaymentFailedPayload;
    PAYMENT_REFUNDED: PaymentRefundedPayload;
  }
}
