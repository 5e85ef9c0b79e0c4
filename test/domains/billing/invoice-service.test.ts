import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { billingModule, InvoiceService, InvoiceStateError } from '../../../domains/billing';
import { createTestKit, TestKit } from '../../../lib/testing';
import { readDate } from '../../../lib/uow/database';
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
    // One business occurrence, one event, in the catalog's current version.
    expect(kit.events.ofType('INVOICE_FINALIZED').map((e) => e.schemaRef)).to.deep.equal(['payload.InvoiceFinalized.v1']);
    expect(kit.events).to.have.emitted('INVOICE_FINALIZED').withPayload({
      invoiceId: draft.id,
      clientId,
      userId: kit.actorUserId,
      totalAmount: 47500,
      status: 'finalized',
      invoiceNumber: draft.invoiceNumber,
      occurredAt: finalized.finalizedAt!.toISOString(),
    }).times(1);
    expect(kit.events).to.have.emittedInOrder(['INVOICE_GENERATED', 'INVOICE_FINALIZED']);
  });

  it('stored times come from the emission clock, so finalizedAt agrees with occurredAt', async () => {
    const clock = () => new Date('2030-01-01T00:00:00Z');
    const draft = await kit.run(() => invoices.generate({ clientId, lines }), { clock });
    const finalized = await kit.run(() => invoices.finalize(draft.id), { clock });
    expect(finalized.finalizedAt!.toISOString()).to.equal('2030-01-01T00:00:00.000Z');
    const [event] = kit.events.ofType('INVOICE_FINALIZED');
    expect(event.occurredAt).to.equal(finalized.finalizedAt!.toISOString());
    const row = await kit.db('invoices').where({ invoice_id: draft.id }).first();
    for (const column of ['created_at', 'updated_at', 'finalized_at']) expect(readDate(row[column])!.toISOString()).to.equal('2030-01-01T00:00:00.000Z');
  });

  it('finalizing twice is refused with a clear error and emits nothing more', async () => {
    const draft = await kit.run(() => invoices.generate({ clientId, lines }));
    await kit.run(() => invoices.finalize(draft.id));
    const err = await kit.run(() => invoices.finalize(draft.id)).catch((e) => e);
    expect(err).to.be.instanceOf(InvoiceStateError);
    expect(err.message).to.match(/Cannot finalize invoice .* it is finalized/);
    expect(kit.events.ofType('INVOICE_FINALIZED')).to.have.length(1);
  });

  it('the finalized event reaches the worker through the outbox and bus', async () => {
    const draft = await kit.run(() => invoices.generate({ clientId, lines }));
    const arrived = await kit
      .scenario(() => invoices.finalize(draft.id))
      .expect('INVOICE_FINALIZED')
      .matching((p) => p.invoiceId === draft.id && p.status === 'finalized')
      .toArrive();
    const row = await kit.db('workflow_runtime_events').where({ event_id: arrived.id }).first();
    expect(row.status).to.equal('processed');
    expect(row.payload_schema_ref).to.equal('payload.InvoiceFinalized.v1');
  });
});
