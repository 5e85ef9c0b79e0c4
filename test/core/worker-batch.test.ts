import { expect } from 'chai';
import { StreamEntry } from '../../lib/bus/event-bus';
import { toWireFields } from '../../lib/bus/wire';
import { createTestKit, TestKit } from '../../lib/testing';
import { OrderAuditHandler, OrderService, ordersModule } from '../fixtures/orders';
import { forEachDatabase } from '../support/databases';

/** The worker's batch path (what a Redis read goes through), entry by entry the same verdicts as `process`. */
forEachDatabase('worker: batch ingestion', (target) => {
  let kit: TestKit;
  let orders: OrderService;
  beforeEach(async () => {
    OrderAuditHandler.calls = 0;
    OrderAuditHandler.failNext = 0;
    kit = await createTestKit({ modules: [ordersModule], databaseUrl: target.url });
    orders = kit.resolve(OrderService);
  });
  afterEach(() => kit.close());

  const count = async (table: string) => Number((await kit.db(table).count({ n: '*' }))[0].n);
  let nextId = 1;
  const entry = (fields: Record<string, string>): StreamEntry => ({ id: `${Date.now()}-${nextId++}`, fields, deliveries: 1 });

  it('records a read with one outcome per entry: new, repeated in the read, already processed, conflicting, invalid, unknown', async () => {
    await kit.run(() => orders.place(5));
    await kit.run(() => orders.place(7));
    await kit.settle();
    const [first, second] = kit.events.ofType('TEST_ORDER_PLACED');
    const [created] = kit.events.ofType('TEST_ORDER_CREATED');
    // A fresh id: remove the second order's records so the batch ingests it anew.
    await kit.db('workflow_runtime_events').where({ event_id: second.id }).del();
    await kit.db('event_handler_receipts').where({ event_id: second.id }).del();
    await kit.db('test_order_audit').del();
    const callsBefore = OrderAuditHandler.calls;
    const conflicting = toWireFields({ ...created, payload: { ...created.payload, orderId: second.payload.orderId } });
    const invalid = toWireFields({ ...second, id: '0190a5c4-9c1e-7a51-8d7c-3f5e0a1b2c3d', payload: { ...second.payload, total: 'lots' } });
    const entries = [
      entry(toWireFields(second)),
      entry(toWireFields(second)),
      entry(toWireFields(first)),
      entry(conflicting),
      entry(invalid),
      entry({ ...toWireFields(second), event_type: 'NO_SUCH_EVENT' }),
    ];
    const ingested: string[] = [];
    const duplicates: string[] = [];
    kit.runtime.worker.on('ingested', (e) => ingested.push(e.id));
    kit.runtime.worker.on('duplicate', (e) => duplicates.push(e.id));
    const outcomes = await kit.runtime.worker.processBatch(entries);
    expect(outcomes.map((o) => (o.kind === 'dead-letter' ? o.reason.code : o.kind))).to.deep.equal(['ack', 'ack', 'ack', 'EVENT_ID_CONFLICT', 'INVALID_PAYLOAD', 'UNKNOWN_EVENT_TYPE']);
    expect(ingested).to.deep.equal([second.id]);
    expect(duplicates).to.deep.equal([first.id, second.id]);
    // The handler ran once for the new event, never for the duplicates.
    expect(OrderAuditHandler.calls - callsBefore).to.equal(1);
    expect(await count('test_order_audit')).to.equal(1);
    expect(await kit.db('workflow_runtime_events').where({ event_id: second.id }).first()).to.include({ status: 'processed' });
    expect(await count('workflow_runtime_events')).to.equal(4);
  });

  it('a failing handler leaves its entry for a retry that runs only the handlers without a receipt; the rest of the read is acknowledged', async () => {
    await kit.run(() => orders.place(5));
    await kit.run(() => orders.place(6));
    await kit.settle();
    const placed = kit.events.ofType('TEST_ORDER_PLACED');
    await kit.db('workflow_runtime_events').del();
    await kit.db('event_handler_receipts').del();
    await kit.db('test_order_audit').del();
    OrderAuditHandler.failNext = 1;
    const first = await kit.runtime.worker.processBatch(placed.map((e) => entry(toWireFields(e))));
    // Two orders, two ordering keys: their handlers run side by side, and whichever ran first failed.
    expect(first.map((o) => o.kind).sort()).to.deep.equal(['ack', 'retry']);
    const failed = placed[first.findIndex((o) => o.kind === 'retry')];
    expect(await kit.db('workflow_runtime_events').where({ event_id: failed.id }).first()).to.include({ status: 'failed' });
    const again = await kit.runtime.worker.processBatch(placed.map((e) => entry(toWireFields(e))));
    expect(again.map((o) => o.kind)).to.deep.equal(['ack', 'ack']);
    expect(await count('test_order_audit')).to.equal(2);
    expect(await kit.db('workflow_runtime_events').whereNot({ status: 'processed' }).count({ n: '*' })).to.deep.equal([{ n: target.name === 'postgres' ? '0' : 0 }]);
  });

  it('a database outage defers the whole read, counting nothing', async () => {
    await kit.run(() => orders.place(5));
    await kit.settle();
    const placed = kit.events.ofType('TEST_ORDER_PLACED');
    await kit.db.schema.renameTable('workflow_runtime_events', 'wre_away');
    try {
      const outcomes = await kit.runtime.worker.processBatch(placed.map((e) => entry(toWireFields(e))));
      expect(outcomes.map((o) => o.kind)).to.deep.equal(['defer']);
    } finally {
      await kit.db.schema.renameTable('wre_away', 'workflow_runtime_events');
    }
  });
});
