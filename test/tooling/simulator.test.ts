import { expect } from 'chai';
import { allModules } from '../../domains';
import { ordersModule } from '../fixtures/orders';
import { EventPayloadInvalidError, UnknownEventTypeError } from '../../lib/schema/errors';
import { IngestionWatch, simulateAll, Simulator } from '../../lib/simulation';
import { createTestKit, TestKit } from '../../lib/testing';
import { forEachDatabase } from '../support/databases';

forEachDatabase('tooling: simulator', (target) => {
  let kit: TestKit;
  let simulator: Simulator;

  beforeEach(async () => {
    kit = await createTestKit({ modules: [...allModules, ordersModule], databaseUrl: target.url });
    simulator = new Simulator(kit.runtime);
  });
  afterEach(() => kit.close());

  it('publishes a generated sample through the outbox to the worker, tenant and time filled in', async () => {
    const watch = new IngestionWatch(kit.runtime);
    const { envelope, generated } = await simulator.simulate('INVOICE_FINALIZED', { tenantId: kit.tenantId });
    expect(generated).to.equal(true);
    expect(envelope).to.include({ eventType: 'INVOICE_FINALIZED', schemaRef: 'payload.InvoiceFinalized.v1', tenantId: kit.tenantId });
    expect(Date.now() - Date.parse(envelope.occurredAt)).to.be.within(0, 5000);
    expect(kit.events).to.have.emitted('INVOICE_FINALIZED').withPayload({ tenantId: kit.tenantId }).times(1);
    const outcome = await watch.wait([envelope.id], 5000);
    watch.close();
    expect(outcome.ingested).to.deep.equal([envelope.id]);
    const row = await kit.db('workflow_runtime_events').where({ event_id: envelope.id }).first();
    expect(row).to.include({ status: 'processed', payload_schema_ref: 'payload.InvoiceFinalized.v1' });
  });

  it('publishes a given payload, an older version on request', async () => {
    const payload = { orderId: '0f8fad5b-d9cb-469f-a165-70867728950e', carrier: 'UPS' };
    const { envelope, generated } = await simulator.simulate('TEST_ORDER_SHIPPED', { payload, version: 1, tenantId: kit.tenantId });
    expect(generated).to.equal(false);
    expect(envelope.schemaRef).to.equal('payload.TestOrderShipped.v1');
    expect(envelope.payload).to.deep.include({ ...payload, tenantId: kit.tenantId, actorType: 'SYSTEM' });
  });

  it('refuses a bad payload with every field error and publishes nothing', async () => {
    const err = await simulator
      .simulate('TEST_ORDER_SHIPPED', { payload: { orderId: 'nope', carrier: 7, surprise: 1 } })
      .catch((e) => e);
    expect(err).to.be.instanceOf(EventPayloadInvalidError);
    expect(err.issues.map((i: { field: string }) => i.field)).to.include.members(['orderId', 'carrier', 'trackingNumber', 'shippedAt', 'surprise']);
    expect(await kit.db('event_outbox').count({ n: '*' }).first()).to.satisfy((r: { n: unknown }) => Number(r.n) === 0);
    expect(kit.events.all).to.deep.equal([]);
  });

  it('refuses an unknown event type', async () => {
    const err = await simulator.simulate('NO_SUCH_EVENT').catch((e) => e);
    expect(err).to.be.instanceOf(UnknownEventTypeError);
  });

  it('simulates every ref of the domain modules (catalog-only and older versions included), all ingested', async () => {
    const definitions = simulator.definitions();
    const refs = definitions.map((d) => d.schemaRef);
    expect(refs).to.include.members(['payload.InvoiceFinalized.v1', 'payload.TestOrderShipped.v1', 'payload.TestOrderShipped.v2']);
    const seen: string[] = [];
    const result = await simulateAll(kit.runtime, { tenantId: kit.tenantId, definitions, timeoutMs: 10_000, onProgress: (p) => seen.push(p.definition.schemaRef) });
    expect(seen).to.deep.equal(refs);
    expect(result).to.deep.include({ simulated: refs.length, ingested: refs.length, failed: [] });
    const rows = await kit.db('workflow_runtime_events').where({ tenant: kit.tenantId, status: 'processed' }).count({ n: '*' }).first();
    expect(Number(rows!.n)).to.equal(refs.length);
  });
});
