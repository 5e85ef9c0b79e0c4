import { ContractRepository } from './contracts/contract-repository';
import { ContractService } from './contracts/contract-service';
import { contractsMigration } from './contracts/contract.migration';
import { InvoiceService } from './invoices/invoice-service';
import { invoicesMigration } from './invoices/invoice.migration';
import { billingDemo } from './demo';
import { billing } from './module';

/** The billing module's public surface: other modules and applications import only this file. */
export * from './invoices/invoice.events';
export * from './invoices/invoice';
export * from './invoices/invoice-errors';
export { InvoiceService } from './invoices/invoice-service';
export * from './contracts/contract.events';
export * from './contracts/contract';
export * from './contracts/contract-errors';
export { ContractService } from './contracts/contract-service';

export const billingModule = billing.define({
  services: [InvoiceService, ContractRepository, ContractService],
  migrations: [invoicesMigration, contractsMigration],
  // invoice_items is scoped through its invoice (no tenant column of its own).
  tables: ['invoices', 'billing_contracts', 'billing_contract_lines'],
  demo: billingDemo,
});
