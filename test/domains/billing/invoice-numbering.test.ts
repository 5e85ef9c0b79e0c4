import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { billingModule, InvoiceService } from '../../../domains/billing';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';

forEachDatabase('billing: invoice numbers', (target) => {
  let kit: TestKit;
  beforeEach(async () => {
    kit = await createTestKit({ modules: [billingModule], databaseUrl: target.url });
  });
  afterEach(() => kit.close());

  it('concurrent invoices of one tenant get distinct, gap-free numbers; tenants count separately', async () => {
    const invoices = kit.resolve(InvoiceService);
    const lines = [{ description: 'Support', quantity: 1, unitPrice: 100 }];
    const made = await Promise.all(Array.from({ length: 8 }, () => kit.run(() => invoices.generate({ clientId: uuidv4(), lines }))));
    expect(made.map((i) => i.invoiceNumber).sort()).to.deep.equal(Array.from({ length: 8 }, (_, i) => `INV-${String(i + 1).padStart(6, '0')}`));
    const other = await kit.run(() => invoices.generate({ clientId: uuidv4(), lines }), { tenantId: uuidv4() });
    expect(other.invoiceNumber).to.equal('INV-000001');
  });
});
