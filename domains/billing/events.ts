import { CurrencyField, DateTimeField, DomainEvent, DomainPayload, MoneyField, StringField, UuidField } from '../../decorators';

const STATUS = 'Invoice status after the action (draft, finalized, …)';
/** The status field with the value the event leaves the invoice in, as the sample's example. */
const InvoiceStatus = (example: string) => StringField({ optional: true, description: STATUS, example });

/** The invoice fields every invoice lifecycle event carries; each event's DTO gives its status example. */
abstract class InvoicePayload extends DomainPayload {
  @UuidField() invoiceId!: string;
  @UuidField({ optional: true }) clientId?: string;
  @UuidField({ optional: true, description: 'User who performed the action' }) userId?: string;
  @MoneyField({ optional: true, description: 'Invoice total in minor units (cents)' }) totalAmount?: number;
  @StringField({ optional: true, description: STATUS }) status?: string;
  @StringField({ optional: true, examples: ['INV-000142', 'INV-001337'] }) invoiceNumber?: string;
}

@DomainEvent({
  type: 'INVOICE_GENERATED',
  category: 'Billing',
  module: 'billing',
  name: 'Invoice Generated',
  description: 'A draft invoice was generated for a client, with its line items and total; it can still change until finalized.',
})
export class InvoiceGeneratedPayload extends InvoicePayload {
  @InvoiceStatus('draft') override status?: string;
}

@DomainEvent({
  type: 'INVOICE_FINALIZED',
  category: 'Billing',
  module: 'billing',
  name: 'Invoice Finalized',
  description: 'A draft invoice was locked: its number, lines and total can no longer change and it is ready to send to the client.',
})
export class InvoiceFinalizedPayload extends InvoicePayload {
  @InvoiceStatus('finalized') override status?: string;
}

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
  @InvoiceStatus('finalized') override status?: string;
  @CurrencyField({ description: 'ISO 4217 currency of totalAmount' }) currency!: string;
  @DateTimeField({ description: 'When the invoice was locked' }) finalizedAt!: string;
}
