import { expect } from 'chai';
import { newEventId } from '../../lib/bus/envelope';
import { toWireFields } from '../../lib/bus/wire';
import { HandlerRunner } from '../../lib/worker/handler-runner';
import { createTestKit, TestKit } from '../../lib/testing';
import { OrderAuditHandler, OrderService, ordersModule } from '../fixtures/orders';
import { forEachDatabase } from '../support/databases';

forEachDatabase('worker', (target) => {
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

  it('records each event once and ignores a duplicate event id', async () => {
    await kit.run(() => orders.place(5));
    await kit.settle();
    expect(await count('workflow_runtime_events')).to.equal(2);
    const [placed] = kit.events.ofType('TEST_ORDER_PLACED');
    // The same envelope delivered again (e.g. republished after a crash): a no-op.
    await kit.bus.publish([placed]);
    await kit.settle();
    expect(await count('workflow_runtime_events')).to.equal(2);
    expect(await count('test_order_audit')).to.equal(1);
    const row = await kit.db('workflow_runtime_events').where({ event_id: placed.id }).first();
    expect(row).to.include({ status: 'processed', event_type: 'TEST_ORDER_PLACED', payload_schema_ref: 'payload.TestOrderPlaced.v1', tenant: kit.tenantId });
  });

  it('an event without handlers is recorded once, and its redelivery is reported as a duplicate', async () => {
    const duplicates: string[] = [];
    kit.runtime.worker.on('duplicate', (e) => duplicates.push(e.eventType));
    await kit.run(() => orders.place(5));
    await kit.settle();
    const [created] = kit.events.ofType('TEST_ORDER_CREATED');
    await kit.bus.publish([created, created]);
    await kit.settle();
    expect(duplicates).to.deep.equal(['TEST_ORDER_CREATED', 'TEST_ORDER_CREATED']);
    expect(await count('workflow_runtime_events')).to.equal(2);
    // A record left failed by an earlier attempt is completed by the next delivery.
    await kit.db('workflow_runtime_events').where({ event_id: created.id }).update({ status: 'failed', error_message: 'earlier attempt' });
    await kit.bus.publish([created]);
    await kit.settle();
    expect(await kit.db('workflow_runtime_events').where({ event_id: created.id }).first()).to.include({ status: 'processed', error_message: null });
  });

  it('runs a handler once per event id, also across retries after a failure', async () => {
    OrderAuditHandler.failNext = 2;
    await kit.run(() => orders.place(5));
    await kit.settle();
    expect(OrderAuditHandler.calls).to.equal(3);
    // The two failed attempts rolled back with their receipts; one effect remains.
    expect(await count('test_order_audit')).to.equal(1);
    expect(await count('event_handler_receipts')).to.equal(1);
    const [placed] = kit.events.ofType('TEST_ORDER_PLACED');
    await kit.bus.publish([placed]);
    await kit.settle();
    expect(OrderAuditHandler.calls).to.equal(3);
  });

  it('handler receipts: running the handlers of one event twice applies the effect once', async () => {
    await kit.run(() => orders.place(5));
    await kit.settle();
    const [placed] = kit.events.ofType('TEST_ORDER_PLACED');
    const runner = new HandlerRunner(kit.runtime.uow, kit.container, kit.runtime.handlers);
    await runner.run(placed);
    await kit.runtime.uow.run(() => runner.run(placed));
    expect(OrderAuditHandler.calls).to.equal(1);
    expect(await count('test_order_audit')).to.equal(1);
  });

  it("handlers run in a context of their own, not the committing request's", async () => {
    await kit.run(() => orders.place(5), { traceparent: '00-abc-def-01' });
    await kit.settle();
    const [placed] = kit.events.ofType('TEST_ORDER_PLACED');
    expect(OrderAuditHandler.lastContext).to.deep.equal({ tenantId: kit.tenantId, correlationId: placed.id, causationId: placed.id, actorType: 'SYSTEM' });
  });

  it('dead-letters an entry whose handler keeps failing after maxDeliveries', async () => {
    OrderAuditHandler.failNext = 100;
    await kit.run(() => orders.place(5));
    await kit.settle();
    const dead = await kit.bus.deadLetters();
    expect(dead).to.have.length(1);
    expect(dead[0].reason.code).to.equal('HANDLER_FAILED');
    expect(dead[0].deliveries).to.equal(5);
    expect(await count('test_order_audit')).to.equal(0);
    const row = await kit.db('workflow_runtime_events').where({ event_id: dead[0].fields.event_id }).first();
    expect(row.status).to.equal('failed');
    expect(row.error_message).to.equal('OrderAuditHandler.audit: audit store unavailable');
  });

  it('dead-letters poison entries at once with their reason', async () => {
    await kit.run(() => orders.place(5));
    await kit.settle();
    const [good] = kit.events.ofType('TEST_ORDER_PLACED');
    const fields = toWireFields(good);
    const x = Array.from({ length: 6 }, () => newEventId());
    const poison = [
      { ...fields, event_id: x[0], payload_json: '{not json' },
      { ...fields, event_id: x[1], event_type: 'NO_SUCH_EVENT' },
      { ...fields, event_id: x[2], payload_schema_ref: 'payload.TestOrderPlaced.v9' },
      { ...fields, event_id: x[3], payload_json: JSON.stringify({ ...good.payload, total: 'lots' }) },
      { ...fields, event_id: x[4], tenant: '00000000-0000-4000-8000-000000000000' },
      { ...fields, event_id: x[5], payload_schema_ref: 'payload.TestOrderTagged.v1' },
    ];
    for (const f of poison) kit.bus.log.push({ id: `poison-${f.event_id}`, fields: f });
    await kit.bus.publish([]); // wakes the consumer group
    await kit.settle();
    const dead = await kit.bus.deadLetters();
    expect(dead.map((d) => [d.fields.event_id, d.reason.code, d.deliveries])).to.deep.equal([
      [x[0], 'BAD_ENVELOPE', 1],
      [x[1], 'UNKNOWN_EVENT_TYPE', 1],
      [x[2], 'UNKNOWN_SCHEMA_REF', 1],
      [x[3], 'INVALID_PAYLOAD', 1],
      [x[4], 'TENANT_MISMATCH', 1],
      [x[5], 'SCHEMA_REF_MISMATCH', 1],
    ]);
    expect(dead[5].reason.message).to.equal('payload.TestOrderTagged.v1 is the schema of TEST_ORDER_TAGGED, not TEST_ORDER_PLACED');
    expect(dead[1].reason.message).to.equal('unknown event type NO_SUCH_EVENT');
    expect(dead[2].reason.message).to.equal('unknown schema ref payload.TestOrderPlaced.v9');
    expect(dead[3].reason.message).to.match(/^total \[\w+\] .+/);
    expect(dead[4].reason.message).to.equal(`envelope tenant 00000000-0000-4000-8000-000000000000 differs from payload tenantId ${good.payload.tenantId}`);
    expect(await count('workflow_runtime_events')).to.equal(2);
  });

  it('scenario: the event arrives at the worker, or does not', async () => {
    const arrived = await kit.scenario(() => orders.place(77)).expect('TEST_ORDER_PLACED').matching((p) => p.total === 77).toArrive({ within: 2000 });
    expect(arrived.payload.tenantId).to.equal(kit.tenantId);
    await kit.scenario(() => orders.placeThenFail(78)).expect('TEST_ORDER_PLACED').toNotArrive({ within: 100 });
    const unexpected = await kit.scenario(() => orders.place(80)).expect('TEST_ORDER_PLACED').toNotArrive({ within: 50 }).catch((e) => e);
    expect(unexpected.message).to.match(/reached the bus but was not expected/);
    const err = await kit.scenario(() => orders.place(79)).expect('TEST_ORDER_PLACED').matching((p) => p.total === 1).toArrive({ within: 100 }).catch((e) => e);
    expect(err.message).to.match(/did not arrive/);
  });
});
