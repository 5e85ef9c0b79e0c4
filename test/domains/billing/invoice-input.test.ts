import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { billingModule, GenerateInvoiceInput, InvoiceInputError, InvoiceService } from '../../../domains/billing';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';

forEachDatabase('billing: invoice input is checked before anything is written', (target) => {
  let kit: TestKit;
  beforeEach(async () => {
    kit = await createTestKit({ modules: [billingModule], databaseUrl: target.url });
  });
  afterEach(() => kit.close());

  const line = { description: 'Managed services', quantity: 1, unitPrice: 4500 };
  const refusals: Array<[string, string, Partial<GenerateInvoiceInput>]> = [
    ['a lower-case currency', 'currency', { currency: 'usd' }],
    ['an unknown currency', 'currency', { currency: 'XYZ' }],
    ['a client id that is no uuid', 'clientId', { clientId: 'client-42' }],
    ['no lines', 'lines', { lines: [] }],
    ['a negative quantity', 'lines[1].quantity', { lines: [line, { ...line, quantity: -2 }] }],
    ['a fractional quantity', 'lines[0].quantity', { lines: [{ ...line, quantity: 1.5 }] }],
    ['a zero quantity', 'lines[0].quantity', { lines: [{ ...line, quantity: 0 }] }],
    ['a negative unit price', 'lines[0].unitPrice', { lines: [{ ...line, unitPrice: -100 }] }],
    ['a unit price in fractions of a cent', 'lines[0].unitPrice', { lines: [{ ...line, unitPrice: 12.5 }] }],
    ['a blank description', 'lines[0].description', { lines: [{ ...line, description: '  ' }] }],
  ];

  for (const [what, field, change] of refusals) {
    it(`refuses ${what} with InvoiceInputError naming ${field}, writing nothing`, async () => {
      const invoices = kit.resolve(InvoiceService);
      const err = await kit.run(() => invoices.generate({ clientId: uuidv4(), lines: [line], ...change })).catch((e) => e);
      expect(err).to.be.instanceOf(InvoiceInputError);
      expect(err).to.include({ field, code: 'INVOICE_INPUT_INVALID' });
      expect(await kit.db('invoices')).to.be.empty;
      expect(await kit.db('invoice_items')).to.be.empty;
      expect(kit.events.all).to.be.empty;
      // No invoice number was used up either.
      const next = await kit.run(() => invoices.generate({ clientId: uuidv4(), lines: [line], currency: 'EUR' }));
      expect(next.invoiceNumber).to.equal('INV-000001');
    });
  }

  it('an accepted currency is stored and the draft finalizes', async () => {
    const invoices = kit.resolve(InvoiceService);
    const draft = await kit.run(() => invoices.generate({ clientId: uuidv4(), lines: [line], currency: 'EUR' }));
    const finalized = await kit.run(() => invoices.finalize(draft.id));
    expect(finalized).to.include({ currency: 'EUR', status: 'finalized' });
    expect(kit.events).to.have.emitted('INVOICE_FINALIZED').withPayload({ invoiceId: draft.id }).times(1);
  });
});
