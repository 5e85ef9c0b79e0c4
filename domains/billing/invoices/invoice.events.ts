import { DomainPayload, MoneyField, StringField, UuidField } from '../../../lib/kit';
import { billing } from '../module';

/** The invoice fields every invoice lifecycle event carries. */
abstract class InvoicePayload extends DomainPayload {
  @UuidField({ description: 'The invoice' }) invoiceId!: string;
  @UuidField({ optional: true, description: 'Client billed' }) clientId?: string;
  @UuidField({ optional: true, description: 'User who performed the action' }) userId?: string;
  @MoneyField({ optional: true, description: 'Invoice total in minor units of its currency (cents)' }) totalAmount?: number;
  @StringField({ optional: true, description: 'Invoice status after the action (draft, finalized, …)' }) status?: string;
  @StringField({ optional: true, description: 'Number printed on the invoice, e.g. INV-000042' }) invoiceNumber?: string;
}

@billing.event({
  type: 'INVOICE_GENERATED',
  name: 'Invoice Generated',
  description:
    'A draft invoice was generated for a client, with its line items and total. The draft can still change ' +
    'until INVOICE_FINALIZED; do not send it to the client on this event.',
})
export class InvoiceGeneratedPayload extends InvoicePayload {}

@billing.event({
  type: 'INVOICE_FINALIZED',
  name: 'Invoice Finalized',
  description:
    'A draft invoice was locked: its number, lines and total can no longer change and it is ready to send to the ' +
    'client. Emitted once per invoice; sending it is INVOICE_SENT.',
})
export class InvoiceFinalizedPayload extends InvoicePayload {}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    INVOICE_GENERATED: InvoiceGeneratedPayload;
    INVOICE_FINALIZED: InvoiceFinalizedPayload;
  }
}
