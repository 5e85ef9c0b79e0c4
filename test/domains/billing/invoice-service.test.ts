import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { billingModule, InvoiceService, InvoiceStateError } from '../../../domains/billing';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';

forEachDatabase('billing: InvoiceService', (target) => {
  let kit: TestKit;
  let invoices: InvoiceService;
  const clientId = uuidv4();
  const lines = [
    { description: 'Managed services', quantity: 10, unitPrice: 4500 },
    { description: 'Backup storage', quantity: 2, unitPrice: 1250 },
  ];

  beforeEach(async () => {
    kit = await createTestKit({ modules: [billingModule], databaseUrl: target.url });
    invoices = kit.resolve(InvoiceService);
  });
  afterEach(() => kit.close());

  it('generate stores a draft invoice and emits INVOICE_GENERATED', async () => {
    const invoice = await kit.run(() => invoices.generate({ clientId, lines }));
    expect(invoice.status).to.equal('draft');
    expect(invoice.totalAmount).to.equal(47500);
    expect(kit.events).to.have.emitted('INVOICE_GENERATED').withPayload({
      invoiceId: invoice.id,
      clientId,
      tenantId: kit.tenantId,
      userId: kit.actorUserId,
      totalAmount: 47500,
      status: 'draft',
      invoiceNumber: 'INV-000001',
      actorUserId: kit.actorUserId,
      actorType: 'USER',
    });
  });

  it('finalize locks the invoice and emits INVOICE_FINALIZED', async () => {
    const draft = await kit.run(() => invoices.generate({ clientId, lines }));
    const finalized = await kit.run(() => invoices.finalize(draft.id));
    expect(finalized.status).to.equal('finalized');
    expect(finalized.finalizedAt).to.be.instanceOf(Date);
    // One event per registered schema version, in declaration order.
    expect(kit.events.ofType('INVOICE_FINALIZED').map((e) => e.schemaRef)).to.deep.equal(['payload.InvoiceFinalized.v1', 'payload.InvoiceFinalized.v2']);
    expect(kit.events).to.have.emitted('INVOICE_FINALIZED').withPayload({ invoiceId: draft.id, status: 'finalized' }).times(2);
    expect(kit.events).to.have.emitted('INVOICE_FINALIZED').withPayload({ currency: 'USD', finalizedAt: finalized.finalizedAt!.toISOString() }).times(1);
    expect(kit.events).to.have.emittedInOrder(['INVOICE_GENERATED', 'INVOICE_FINALIZED']);
  });

  it('finalizing twice is refused with a clear error and emits nothing more', async () => {
    const draft = await kit.run(() => invoices.generate({ clientId, lines }));
    await kit.run(() => invoices.finalize(draft.id));
    const err = await kit.run(() => invoices.finalize(draft.id)).catch((e) => e);
    expect(err).to.be.instanceOf(InvoiceStateError);
    expect(err.message).to.match(/Cannot finalize invoice .* it is finalized/);
    expect(kit.events.ofType('INVOICE_FINALIZED').map((e) => e.schemaRef)).to.deep.equal(['payload.InvoiceFinalized.v1', 'payload.InvoiceFinalized.v2']);
  });

  it('the finalized event reaches the worker through the outbox and bus', async () => {
    const draft = await kit.run(() => invoices.generate({ clientId, lines }));
    const arrived = await kit
      .scenario(() => invoices.finalize(draft.id))
      .expect('INVOICE_FINALIZED')
      .matching((p) => p.invoiceId === draft.id && p.currency === 'USD')
      .toArrive();
    const row = await kit.db('workflow_runtime_events').where({ event_id: arrived.id }).first();
    expect(row.status).to.equal('processed');
    expect(row.payload_schema_ref).to.equal('payload.InvoiceFinalized.v2');
  });
});
