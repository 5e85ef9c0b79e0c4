import 'reflect-metadata';
import { ContractRepository } from './contracts/contract-repository';
import { ContractService } from './contracts/contract-service';
import { contractsMigration } from './contracts/contract.migration';
import { ContractRenewalSweeper } from './contracts/renewal-sweeper';
import { RenewalSettingsService } from './contracts/renewal-settings-service';
import { contractRenewalsMigration } from './contracts/renewal.migration';
import { billingCommands } from './commands';
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
import { ContractBiller } from './recurring/contract-biller';
import { RecurringBillingService } from './recurring/recurring-billing-service';
import { RecurringRunRepository } from './recurring/recurring-run-repository';
import { RecurringRunSteps } from './recurring/recurring-run-steps';
import { recurringRunsMigration } from './recurring/recurring-run.migration';
import { RecurringBillingScheduler } from './recurring/recurring-billing-scheduler';
import { RecurringScheduleService } from './recurring/recurring-schedule-service';
import { recurringSchedulesMigration } from './recurring/recurring-schedule.migration';
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
export * from './contracts/contract.events';
export * from './contracts/contract';
export * from './contracts/contract-errors';
export { ContractService } from './contracts/contract-service';
export * from './contracts/renewal.events';
export * from './contracts/renewal';
export * from './contracts/renewal-settings';
export { RenewalSettingsService } from './contracts/renewal-settings-service';
export { ContractRenewalSweeper } from './contracts/renewal-sweeper';
export * from './recurring/recurring-run.events';
export * from './recurring/recurring-run';
export * from './recurring/recurring-run-errors';
export { RecurringBillingService } from './recurring/recurring-billing-service';
export * from './recurring/recurring-schedule';
export { RecurringScheduleService } from './recurring/recurring-schedule-service';
export { RecurringBillingScheduler } from './recurring/recurring-billing-scheduler';

export const billingModule = billing.define({
  services: [
    InvoiceService,
    InvoiceLifecycleService,
    InvoiceLedger,
    BillingSettingsService,
    PaymentService,
    PaymentRefundService,
    CreditNoteService,
    StripeActions,
    StripeWebhookReceiver,
    ContractRepository,
    RenewalSettingsService,
    ContractService,
    RecurringRunRepository,
    ContractBiller,
    RecurringRunSteps,
    RecurringBillingService,
    RecurringScheduleService,
  ],
  sweepers: [InvoiceOverdueSweeper, ContractRenewalSweeper, RecurringBillingScheduler],
  migrations: [
    invoicesMigration,
    invoiceLifecycleMigration,
    billingSettingsMigration,
    paymentsMigration,
    creditNotesMigration,
    stripeEventsMigration,
    contractsMigration,
    contractRenewalsMigration,
    recurringRunsMigration,
    recurringSchedulesMigration,
  ],
  // invoice_items is scoped through its invoice (no tenant column of its own).
  tables: [
    'invoices',
    'billing_collection_settings',
    'billing_payments',
    'billing_payment_applications',
    'billing_payment_refunds',
    'billing_payment_failures',
    'billing_credit_notes',
    'billing_credit_note_applications',
    'billing_stripe_events',
    'billing_contracts',
    'billing_contract_lines',
    'billing_contract_settings',
    'billing_contract_renewal_notices',
    'billing_recurring_runs',
    'billing_recurring_run_items',
    'billing_contract_periods',
    'billing_recurring_schedules',
    'billing_schedule_periods',
  ],
  routes: billingRoutes,
  commands: billingCommands,
  demo: billingDemo,
});
