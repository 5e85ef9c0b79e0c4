import { CurrencyField, DateTimeField, DomainEvent, DomainPayload, MoneyField, StringField, UuidField } from '../../decorators';

/** The invoice fields every invoice lifecycle event carries. */
abstract class InvoicePayload extends DomainPayload {
  @UuidField() invoiceId!: string;
  @UuidField({ optional: true }) clientId?: string;
  @UuidField({ optional: true, description: 'User who performed the action' }) userId?: string;
  @MoneyField({ optional: true, description: 'Invoice total in minor units (cents)' }) totalAmount?: number;
  @StringField({ optional: true, description: 'Invoice status after the action (draft, finalized, …)' }) status?: string;
  @StringField({ optional: true }) invoiceNumber?: string;
}

@DomainEvent({
  type: 'INVOICE_GENERATED',
  category: 'Billing',
  module: 'billing',
  name: 'Invoice Generated',
  description: 'A draft invoice was generated for a client, with its line items and total; it can still change until finalized.',
})
export class InvoiceGeneratedPayload extends InvoicePayload {}

@DomainEvent({
  type: 'INVOICE_FINALIZED',
  category: 'Billing',
  module: 'billing',
  name: 'Invoice Finalized',
  description: 'A draft invoice was locked: its number, lines and total can no longer change and it is ready to send to the client.',
})
export class InvoiceFinalizedPayload extends InvoicePayload {}

/**
 * v2 adds the currency and the finalization time as required fields: payloads valid under v1
 * would fail v2, so it is a new version beside v1 (which stays registered and emitted).
 */
@DomainEvent({
  type: 'INVOICE_FINALIZED',
  version: 2,
  category: 'Billing',
  module: 'billing',
  name: 'Invoice Finalized',
  description: 'A draft invoice was locked: its number, lines and total can no longer change and it is ready to send to the client.',
})
export class InvoiceFinalizedV2Payload extends InvoicePayload {
  @CurrencyField({ description: 'ISO 4217 currency of totalAmount' }) currency!: string;
  @DateTimeField({ description: 'When the invoice was locked' }) finalizedAt!: string;
}
