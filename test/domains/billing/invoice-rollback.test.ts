import { expect } from 'chai';
import sinon from 'sinon';
import { v4 as uuidv4 } from 'uuid';
import { billingModule, InvoiceService } from '../../../domains/billing';
import { EventPayloadInvalidError } from '../../../lib/schema/errors';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';

forEachDatabase('billing: an invalid event payload undoes the business change', (target) => {
  let kit: TestKit;
  beforeEach(async () => {
    kit = await createTestKit({ modules: [billingModule], databaseUrl: target.url });
  });
  afterEach(async () => {
    sinon.restore();
    await kit.close();
  });

  it('finalize is rolled back and the invoice stays a draft', async () => {
    const invoices = kit.resolve(InvoiceService);
    const draft = await kit.run(() => invoices.generate({ clientId: uuidv4(), lines: [{ description: 'Audit', quantity: 1, unitPrice: 9900 }] }));
    // Fault injection: the schema refuses the payload (as a drifted mapper would produce).
    const validate = kit.runtime.validator.validate.bind(kit.runtime.validator);
    sinon.stub(kit.runtime.validator, 'validate').callsFake((ref, payload) =>
      ref === 'payload.InvoiceFinalized.v1' ? { ok: false, issues: [{ field: 'totalAmount', constraint: 'isInt', message: 'totalAmount must be an integer number' }] } : validate(ref, payload),
    );
    const err = await kit.run(() => invoices.finalize(draft.id)).catch((e) => e);
    expect(err).to.be.instanceOf(EventPayloadInvalidError);
    expect(err).to.include({ eventType: 'INVOICE_FINALIZED', field: 'totalAmount', constraint: 'isInt' });
    const row = await kit.db('invoices').where({ invoice_id: draft.id }).first();
    expect(row.status).to.equal('draft');
    expect(row.finalized_at).to.equal(null);
    expect(kit.events).not.to.have.emitted('INVOICE_FINALIZED');
    expect(await kit.db('event_outbox').where({ event_type: 'INVOICE_FINALIZED' })).to.have.length(0);
  });
});
