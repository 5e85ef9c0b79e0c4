import { CurrencyField, DateTimeField, DomainPayload, MoneyField, StringField, UuidField } from '../../../lib/kit';
import { billing } from '../module';

@billing.event({
  type: 'CREDIT_NOTE_CREATED',
  name: 'Credit Note Created',
  description:
    'Credit was issued to a client, against one of its invoices or standalone, in one currency. No balance changes ' +
    'until it is applied (CREDIT_NOTE_APPLIED). Money paid back to the client is PAYMENT_REFUNDED, not a credit note.',
})
export class CreditNoteCreatedPayload extends DomainPayload {
  @UuidField({ description: 'The credit note' }) creditNoteId!: string;
  @UuidField({ description: 'Client credited' }) clientId!: string;
  @UuidField({ description: 'Staff user who issued it' }) createdByUserId!: string;
  @DateTimeField({ description: 'When it was issued' }) createdAt!: string;
  @MoneyField({ description: 'Credit issued, in minor units of currency' }) amount!: number;
  @CurrencyField({ description: 'ISO 4217 currency' }) currency!: string;
  @StringField({ description: 'Status after issuing (open)', example: 'open' }) status!: string;
}

@billing.event({
  type: 'CREDIT_NOTE_APPLIED',
  name: 'Credit Note Applied',
  description:
    'Part or all of a credit note reduced an invoice balance of the same client and currency — never beyond the ' +
    'invoice’s balance or the note’s remaining credit. The invoice’s status move is INVOICE_STATUS_CHANGED; ' +
    'payments use PAYMENT_APPLIED instead.',
})
export class CreditNoteAppliedPayload extends DomainPayload {
  @UuidField({ description: 'The credit note' }) creditNoteId!: string;
  @UuidField({ description: 'Invoice whose balance it reduced' }) invoiceId!: string;
  @UuidField({ description: 'User who applied it (billing automation user when automatic)' }) appliedByUserId!: string;
  @DateTimeField({ description: 'When it was applied' }) appliedAt!: string;
  @MoneyField({ description: 'Amount applied, in minor units of currency' }) amountApplied!: number;
  @CurrencyField({ description: 'ISO 4217 currency of note and invoice' }) currency!: string;
}

@billing.event({
  type: 'CREDIT_NOTE_VOIDED',
  name: 'Credit Note Voided',
  description:
    'An open credit note nothing was applied from was cancelled; it can no longer be applied. A note already ' +
    '(partly) applied cannot be voided.',
})
export class CreditNoteVoidedPayload extends DomainPayload {
  @UuidField({ description: 'The credit note' }) creditNoteId!: string;
  @UuidField({ description: 'Staff user who voided it' }) voidedByUserId!: string;
  @DateTimeField({ description: 'When it was voided' }) voidedAt!: string;
  @StringField({ optional: true, description: 'Why it was voided' }) reason?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    CREDIT_NOTE_CREATED: CreditNoteCreatedPayload;
    CREDIT_NOTE_APPLIED: CreditNoteAppliedPayload;
    CREDIT_NOTE_VOIDED: CreditNoteVoidedPayload;
  }
}
