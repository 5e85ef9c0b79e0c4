import { DomainPayload, MoneyField, StringField, UuidField } from '../../../lib/kit';
import { billing } from '../module';

const STATUS = 'Invoice status after the action (draft, finalized, …)';
/** The status field with the value the event leaves the invoice in, as the sample's example. */
const InvoiceStatus = (example: string) => StringField({ optional: true, description: STATUS, example });

/** The invoice fields every invoice lifecycle event carries; each event's DTO gives its status example. */
abstract class InvoicePayload extends DomainPayload {
  @UuidField({ description: 'The invoice' }) invoiceId!: string;
  @UuidField({ optional: true, description: 'Client billed' }) clientId?: string;
  @UuidField({ optional: true, description: 'User who performed the action' }) userId?: string;
  @MoneyField({ optional: true, description: 'Invoice total in minor units of its currency (cents)' }) totalAmount?: number;
  @StringField({ optional: true, description: STATUS }) status?: string;
  @StringField({ optional: true, description: 'Number printed on the invoice, e.g. INV-000042', examples: ['INV-000042', 'INV-000043'] }) invoiceNumber?: string;
}

@billing.event({
  type: 'INVOICE_GENERATED',
  name: 'Invoice Generated',
  description:
    'A draft invoice was generated for a client, with its line items and total. The draft can still change ' +
    'until INVOICE_FINALIZED; do not send it to the client on this event.',
})
export class InvoiceGeneratedPayload extends InvoicePayload {
  @InvoiceStatus('draft') override status?: string;
}

@billing.event({
  type: 'INVOICE_FINALIZED',
  name: 'Invoice Finalized',
  description:
    'A draft invoice was locked: its number, lines and total can no longer change and it is ready to send to the ' +
    'client. Emitted once per invoice; sending it is INVOICE_SENT.',
})
export class InvoiceFinalizedPayload extends InvoicePayload {
  @InvoiceStatus('finalized') override status?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    INVOICE_GENERATED: InvoiceGeneratedPayload;
    INVOICE_FINALIZED: InvoiceFinalizedPayload;
  }
}
