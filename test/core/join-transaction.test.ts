import { expect } from 'chai';
import { createTestKit, TestKit } from '../../lib/testing';
import { createDatabase } from '../../lib/uow/database';
import { TransactionJoinError } from '../../lib/uow/unit-of-work';
import { OrderService, ordersModule } from '../fixtures/orders';
import { forEachDatabase } from '../support/databases';

forEachDatabase('unit of work: joining a transaction the caller opened', (target) => {
  let kit: TestKit;
  let orders: OrderService;
  beforeEach(async () => {
    kit = await createTestKit({ modules: [ordersModule], databaseUrl: target.url });
    orders = kit.resolve(OrderService);
  });
  afterEach(() => kit.close());

  const outboxRows = async () => Number((await kit.db('event_outbox').count({ n: '*' }).first())!.n);

  it('decorated calls write on the caller\'s transaction and publish only once it commits', async () => {
    let placedInside = false;
    await kit.run(() =>
      kit.db.transaction(async (trx) => {
        await trx('test_order_audit').insert({ event_id: '0f8fad5b-d9cb-469f-a165-70867728950e', handler: 'caller' });
        await kit.runtime.uow.join(trx, () => orders.place(7));
        placedInside = true;
        expect(kit.events.all).to.have.length(0); // not committed yet: nothing recorded or published
      }),
    );
    expect(placedInside).to.equal(true);
    await kit.settle();
    expect(kit.events).to.have.emitted('TEST_ORDER_PLACED').withPayload({ total: 7 }).times(1);
    const recorded = await kit.db('workflow_runtime_events').where({ event_type: 'TEST_ORDER_PLACED', status: 'processed' });
    expect(recorded).to.have.length(1);
  });

  it('when the caller rolls back, the business row and the event are gone and nothing is published', async () => {
    const err = await kit
      .run(() =>
        kit.db.transaction(async (trx) => {
          await kit.runtime.uow.join(trx, () => orders.place(8));
          throw new Error('caller changed its mind');
        }),
      )
      .catch((e) => e);
    expect(err.message).to.equal('caller changed its mind');
    await kit.settle();
    expect(await kit.db('test_orders')).to.have.length(0);
    expect(await outboxRows()).to.equal(0);
    expect(kit.events.all).to.have.length(0);
    expect(await kit.db('workflow_runtime_events')).to.have.length(0);
  });

  it('work that outlives the joined call does not write on the caller\'s transaction', async () => {
    let late: Promise<unknown> | undefined;
    await kit.run(() =>
      kit.db.transaction(async (trx) => {
        await kit.runtime.uow.join(trx, async () => {
          await orders.place(1);
          late = new Promise((r) => setTimeout(r, 50)).then(() => kit.runtime.uow.active);
        });
      }),
    );
    expect(await late).to.equal(false);
  });

  it('refuses a transaction of another database, or one that already finished', async () => {
    const other = createDatabase(target.url ? { url: target.url } : { filename: ':memory:' });
    try {
      const foreign = await other
        .transaction((trx) => kit.runtime.uow.join(trx, () => orders.place(1)))
        .catch((e) => e);
      expect(foreign).to.be.instanceOf(TransactionJoinError);
      expect(foreign.message).to.contain('another knex instance');
    } finally {
      await other.destroy();
    }
    let done: any;
    await kit.db.transaction(async (trx) => {
      done = trx;
    });
    const finished = await kit.runtime.uow.join(done, () => orders.place(1)).catch((e) => e);
    expect(finished).to.be.instanceOf(TransactionJoinError);
    expect(await outboxRows()).to.equal(0);
  });
});
