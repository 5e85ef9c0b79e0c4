import { expect } from 'chai';
import { createTestKit, TestKit } from '../../lib/testing';
import { OrderAuditHandler, OrderService, ordersModule } from '../fixtures/orders';

describe('in-memory bus durability', () => {
  let kit: TestKit;
  beforeEach(async () => {
    OrderAuditHandler.calls = 0;
    OrderAuditHandler.failNext = 0;
    kit = await createTestKit({ modules: [ordersModule], worker: { retryDelayMs: 10_000 } });
  });
  afterEach(() => kit.close());

  it('outbox rows count as published only once the worker settled their entries', async () => {
    await kit.run(() => kit.resolve(OrderService).place(1));
    await kit.settle();
    expect(await kit.runtime.outbox.pendingCount()).to.equal(0);
    expect(Number((await kit.db('workflow_runtime_events').where({ status: 'processed' }).count({ n: '*' }))[0].n)).to.equal(2);
  });

  it('a stop before the worker settled an entry leaves its row in the outbox, and a restart delivers it', async () => {
    OrderAuditHandler.failNext = 1; // the first attempt fails and waits 10 s for its retry
    await kit.run(() => kit.resolve(OrderService).place(1));
    const deadline = Date.now() + 2000;
    while (OrderAuditHandler.calls === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await kit.runtime.stop();
    const pending = await kit.db('event_outbox').whereNull('published_at').select('event_type');
    expect(pending.map((r) => r.event_type)).to.include('TEST_ORDER_PLACED');
    expect(kit.bus.isIdle()).to.equal(true);

    kit.runtime.start();
    await kit.settle();
    expect(await kit.runtime.outbox.pendingCount()).to.equal(0);
    expect(await kit.db('test_order_audit').count({ n: '*' })).to.deep.equal([{ n: 1 }]);
    const placed = await kit.db('workflow_runtime_events').where({ event_type: 'TEST_ORDER_PLACED' });
    expect(placed.map((r) => r.status)).to.deep.equal(['processed']);
  });
});
