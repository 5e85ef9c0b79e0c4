import { DomainModule } from '../../lib/runtime/domain-module';
import { invoicesMigration } from './billing.migration';
import './events';
import { InvoiceService } from './invoice-service';

export * from './events';
export * from './invoice';
export { InvoiceService } from './invoice-service';
export { GenerateInvoiceInput } from './invoice-input';

export const billingModule: DomainModule = {
  name: 'billing',
  migrations: [invoicesMigration],
  services: [InvoiceService],
};
