import { creditNotesMigration } from './credit-notes/credit-notes.migration';
import { CreditNoteService } from './credit-notes/credit-note-service';
import { billingDemo } from './demo';
import { InvoiceLedger } from './invoices/invoice-ledger';
import { invoiceLifecycleMigration } from './invoices/invoice-lifecycle.migration';
import { InvoiceLifecycleService } from './invoices/invoice-lifecycle-service';
import { InvoiceService } from './invoices/invoice-service';
import { InvoiceOverdueSweeper } from './invoices/overdue-sweeper';
import { invoicesMigration } from './invoices/invoice.migration';
import { billing } from './module';
import { paymentsMigration } from './payments/payments.migration';
import { PaymentRefundService } from './payments/payment-refund-service';
import { PaymentService } from './payments/payment-service';
import { billingRoutes } from './routes';
import { StripeActions } from './stripe/stripe-actions';
import { stripeEventsMigration } from './stripe/stripe-events.migration';
import { StripeWebhookReceiver } from './stripe/stripe-webhook-receiver';
import { billingSettingsMigration } from './settings/billing-settings.migration';
import { BillingSettingsService } from './settings/billing-settings-service';

/** The billing module's public surface: other modules and applications import only this file. */
export * from './invoices/invoice.events';
export * from './invoices/invoice-lifecycle.events';
export * from './invoices/invoice';
export * from './invoices/invoice-errors';
export { InvoiceService, DEFAULT_PAYMENT_TERMS_DAYS } from './invoices/invoice-service';
export { InvoiceLifecycleService } from './invoices/invoice-lifecycle-service';
export { InvoiceOverdueSweeper } from './invoices/overdue-sweeper';
export * from './payments/payment.events';
export * from './payments/payment';
export * from './payments/payment-errors';
export { PaymentService } from './payments/payment-service';
export { PaymentRefundService } from './payments/payment-refund-service';
export * from './credit-notes/credit-note.events';
export * from './credit-notes/credit-note';
export * from './credit-notes/credit-note-errors';
export { CreditNoteService } from './credit-notes/credit-note-service';
export { StripeWebhookReceiver } from './stripe/stripe-webhook-receiver';
export { StripeWebhookSettings } from './stripe/stripe-settings';
export { StripeWebhookRefusedError } from './stripe/stripe-errors';
export * from './stripe/stripe-receipt';
export * from './settings/billing-settings';
export * from './settings/billing-settings-errors';
export { BillingSettingsService } from './settings/billing-settings-service';
export * from './money';

export const billingModule = billing.define({
  services: [InvoiceService, InvoiceLifecycleService, InvoiceLedger, BillingSettingsService, PaymentService, PaymentRefundService, CreditNoteService, StripeActions, StripeWebhookReceiver],
  sweepers: [InvoiceOverdueSweeper],
  migrations: [invoicesMigration, invoiceLifecycleMigration, billingSettingsMigration, paymentsMigration, creditNotesMigration, stripeEventsMigration],
  // invoice_items is scoped through its invoice (no tenant column of its own).
  tables: ['invoices', 'billing_collection_settings', 'billing_payments', 'billing_payment_applications', 'billing_payment_refunds', 'billing_payment_failures', 'billing_credit_notes', 'billing_credit_note_applications', 'billing_stripe_events'],
  routes: billingRoutes,
  demo: billingDemo,
});
