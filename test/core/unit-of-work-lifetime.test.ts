import { expect } from 'chai';
import { createTestKit, TestKit } from '../../lib/testing';
import { Order, OrderService, ordersModule } from '../fixtures/orders';
import { forEachDatabase } from '../support/databases';

/** Issue 10.3: work started inside a unit of work that runs after it committed. */
forEachDatabase('unit of work: work that outlives its transaction', (target) => {
  let kit: TestKit;
  let orders: OrderService;
  beforeEach(async () => {
    kit = await createTestKit({ modules: [ordersModule], databaseUrl: target.url });
    orders = kit.resolve(OrderService);
  });
  afterEach(() => kit.close());

  it('a timer set inside run() reads and emits after the commit in a unit of work of its own', async () => {
    const uow = kit.runtime.uow;
    let late!: Promise<{ active: boolean; seen: number; order: Order; activeInside: boolean }>;
    await kit.run(() =>
      uow.run(async () => {
        await orders.place(1);
        late = new Promise((resolve, reject) =>
          setTimeout(() => {
            (async () => {
              const active = uow.active;
              const seen = (await uow.db('test_orders').select('order_id')).length;
              let activeInside = false;
              const order = await uow.run(async () => {
                activeInside = uow.active;
                return orders.place(2);
              });
              return { active, seen, order, activeInside };
            })().then(resolve, reject);
          }, 30),
        );
      }),
    );
    const result = await late;
    expect(result.active, 'the finished transaction is not active').to.equal(false);
    expect(result.activeInside).to.equal(true);
    expect(result.seen, 'reads through the pool see the committed row').to.equal(1);
    await kit.settle();
    expect((await kit.db('test_orders').select('total')).map((r) => Number(r.total)).sort()).to.deep.equal([1, 2]);
    expect(kit.events.ofType('TEST_ORDER_PLACED').map((e) => e.payload.total)).to.deep.equal([1, 2]);
    expect(await kit.db('workflow_runtime_events').where({ event_type: 'TEST_ORDER_PLACED', status: 'processed' }).count({ n: '*' })).to.deep.equal([{ n: target.name === 'postgres' ? '2' : 2 }]);
  });

  it('an un-awaited decorated call that finishes after the commit writes and emits in its own transaction', async () => {
    let pending!: Promise<Order>;
    await kit.run(() =>
      kit.runtime.uow.run(async () => {
        await orders.place(10);
        pending = new Promise<void>((r) => setTimeout(r, 20)).then(() => orders.place(11));
      }),
    );
    const order = await pending;
    expect(order.total).to.equal(11);
    await kit.settle();
    expect(kit.events.ofType('TEST_ORDER_PLACED').map((e) => e.payload.total)).to.deep.equal([10, 11]);
  });

  it('work outliving a savepoint joins the still-open enclosing transaction, and rolls back with it', async () => {
    const uow = kit.runtime.uow;
    let late!: Promise<void>;
    const failure = await kit
      .run(() =>
        uow.run(async (outer) => {
          await uow.run(async () => {
            late = new Promise<void>((r) => setTimeout(r, 10)).then(async () => {
              expect(uow.db).to.equal(outer);
              await orders.place(20);
            });
          });
          await late;
          throw new Error('outer fails');
        }),
      )
      .catch((e: Error) => e);
    expect(failure.message).to.equal('outer fails');
    expect(await kit.db('test_orders').count({ n: '*' })).to.deep.equal([{ n: target.name === 'postgres' ? '0' : 0 }]);
    expect(kit.events.ofType('TEST_ORDER_PLACED')).to.deep.equal([]);
  });
});
