import { ContractRepository } from './contracts/contract-repository';
import { ContractService } from './contracts/contract-service';
import { contractsMigration } from './contracts/contract.migration';
import { ContractRenewalSweeper } from './contracts/renewal-sweeper';
import { RenewalSettingsService } from './contracts/renewal-settings-service';
import { contractRenewalsMigration } from './contracts/renewal.migration';
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
export * from './contracts/renewal.events';
export * from './contracts/renewal';
export * from './contracts/renewal-settings';
export { RenewalSettingsService } from './contracts/renewal-settings-service';
export { ContractRenewalSweeper } from './contracts/renewal-sweeper';
export * from './money';

export const billingModule = billing.define({
  services: [InvoiceService, ContractRepository, RenewalSettingsService, ContractService],
  sweepers: [ContractRenewalSweeper],
  migrations: [invoicesMigration, contractsMigration, contractRenewalsMigration],
  // invoice_items is scoped through its invoice (no tenant column of its own).
  tables: ['invoices', 'billing_contracts', 'billing_contract_lines', 'billing_contract_settings', 'billing_contract_renewal_notices'],
  demo: billingDemo,
});
