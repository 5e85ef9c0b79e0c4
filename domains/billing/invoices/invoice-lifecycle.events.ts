import { CountField, CurrencyField, DateField, DateTimeField, DomainPayload, EnumField, MoneyField, StringField, UuidField } from '../../../lib/kit';
import { billing } from '../module';
import { DeliveryMethod, DELIVERY_METHODS } from './invoice';

const ATTRIBUTED =
  'User the change is attributed to: the staff user who acted; for automatic changes (a Stripe webhook, the overdue sweep) ' +
  "the tenant's billing automation user, else the user who sent the invoice — actorType is then SYSTEM";

@billing.event({
  type: 'INVOICE_SENT',
  name: 'Invoice Sent',
  description:
    'A finalized invoice was delivered to the client by email, portal or print. Fires on every sending, including ' +
    'a reminder re-send of an unpaid invoice; only the first sending moves the status (INVOICE_STATUS_CHANGED ' +
    'finalized → sent). Whether the email reached the mailbox is not covered here.',
})
export class InvoiceSentPayload extends DomainPayload {
  @UuidField({ description: 'The invoice' }) invoiceId!: string;
  @UuidField({ description: 'Client billed' }) clientId!: string;
  @UuidField({ description: 'User who sent it (or the billing automation user for an automatic sending)' }) sentByUserId!: string;
  @DateTimeField({ description: 'When it was sent' }) sentAt!: string;
  @EnumField(DELIVERY_METHODS, { description: 'How it was delivered' }) deliveryMethod!: DeliveryMethod;
}

@billing.event({
  type: 'INVOICE_STATUS_CHANGED',
  name: 'Invoice Status Changed',
  description:
    'An invoice moved from one status to another: draft, finalized, sent, partially_paid, paid, overdue, written_off, ' +
    'void. Fires beside the event of the action that moved it (INVOICE_FINALIZED, INVOICE_SENT, PAYMENT_APPLIED, ' +
    'CREDIT_NOTE_APPLIED, PAYMENT_REFUNDED, INVOICE_OVERDUE, INVOICE_WRITTEN_OFF), once per invoice and move; an ' +
    'action that leaves the status as it was emits none.',
})
export class InvoiceStatusChangedPayload extends DomainPayload {
  @UuidField({ description: 'The invoice' }) invoiceId!: string;
  @StringField({ description: 'Status before the move', examples: ['sent', 'finalized'] }) previousStatus!: string;
  @StringField({ description: 'Status after the move', examples: ['paid', 'sent'] }) newStatus!: string;
  @UuidField({ optional: false, description: ATTRIBUTED }) override actorUserId!: string;
  @DateTimeField({ description: 'When the status changed' }) changedAt!: string;
}

@billing.event({
  type: 'INVOICE_DUE_DATE_CHANGED',
  name: 'Invoice Due Date Changed',
  description:
    'The payment due date of an invoice was set or moved (calendar dates in the tenant’s time zone). Setting the ' +
    'date it already has emits nothing. Moving the date of an overdue invoice into the future moves it back out of ' +
    'overdue (INVOICE_STATUS_CHANGED); a new past date makes it due for INVOICE_OVERDUE again.',
})
export class InvoiceDueDateChangedPayload extends DomainPayload {
  @UuidField({ description: 'The invoice' }) invoiceId!: string;
  @DateField({ description: 'Due date before the change (every invoice has one from generation: net 30 unless given)' }) previousDueDate!: string;
  @DateField({ description: 'Due date after the change' }) newDueDate!: string;
  @UuidField({ optional: false, description: ATTRIBUTED }) override actorUserId!: string;
  @DateTimeField({ description: 'When it was changed' }) changedAt!: string;
}

@billing.event({
  type: 'INVOICE_OVERDUE',
  name: 'Invoice Overdue',
  description:
    'A sent invoice still owing money passed its due date: emitted by the billing sweeper on the first sweep of ' +
    'the tenant’s calendar day after the due date, once per invoice and due date (a new due date can fire it again). ' +
    'Drafts and finalized invoices never sent do not go overdue. The status move is INVOICE_STATUS_CHANGED.',
})
export class InvoiceOverduePayload extends DomainPayload {
  @UuidField({ description: 'The invoice' }) invoiceId!: string;
  @UuidField({ description: 'Client billed' }) clientId!: string;
  @DateTimeField({ description: 'When the sweep found it overdue' }) overdueAt!: string;
  @DateField({ description: 'The due date it passed (tenant calendar day)' }) dueDate!: string;
  @MoneyField({ description: 'Balance still owed, in minor units of currency' }) amountDue!: number;
  @CurrencyField({ description: 'ISO 4217 currency of the invoice' }) currency!: string;
  @CountField({ description: 'Whole calendar days between the due date and the tenant’s day of the sweep (≥ 1)' }) daysOverdue!: number;
}

@billing.event({
  type: 'INVOICE_WRITTEN_OFF',
  name: 'Invoice Written Off',
  description:
    'The open balance of an invoice was written off as uncollectible (status written_off). Amounts already paid or ' +
    'credited stay; for reducing a balance the client is owed back, use a credit note (CREDIT_NOTE_CREATED).',
})
export class InvoiceWrittenOffPayload extends DomainPayload {
  @UuidField({ description: 'The invoice' }) invoiceId!: string;
  @UuidField({ optional: false, description: 'Staff user who wrote it off' }) override actorUserId!: string;
  @DateTimeField({ description: 'When it was written off' }) writtenOffAt!: string;
  @MoneyField({ description: 'Balance written off, in minor units of currency' }) amountWrittenOff!: number;
  @CurrencyField({ description: 'ISO 4217 currency of the invoice' }) currency!: string;
  @StringField({ optional: true, description: 'Why it was written off' }) reason?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    INVOICE_SENT: InvoiceSentPayload;
    INVOICE_STATUS_CHANGED: InvoiceStatusChangedPayload;
    INVOICE_DUE_DATE_CHANGED: InvoiceDueDateChangedPayload;
    INVOICE_OVERDUE: InvoiceOverduePayload;
    INVOICE_WRITTEN_OFF: InvoiceWrittenOffPayload;
  }
}
