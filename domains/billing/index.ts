import { InvoiceService } from './invoices/invoice-service';
import { invoicesMigration } from './invoices/invoice.migration';
import { billingDemo } from './demo';
import { billing } from './module';

/** The billing module's public surface: other modules and applications import only this file. */
export * from './invoices/invoice.events';
export * from './invoices/invoice';
export * from './invoices/invoice-errors';
export { InvoiceService } from './invoices/invoice-service';
export * from './money';

export const billingModule = billing.define({
  services: [InvoiceService],
  migrations: [invoicesMigration],
  // invoice_items is scoped through its invoice (no tenant column of its own).
  tables: ['invoices'],
  demo: billingDemo,
});
