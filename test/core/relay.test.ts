import { expect } from 'chai';
import sinon from 'sinon';
import { createTestKit, TestKit } from '../../lib/testing';
import { OrderService, ordersModule } from '../fixtures/orders';
import { forEachDatabase } from '../support/databases';

forEachDatabase('outbox relay', (target) => {
  let kit: TestKit;
  afterEach(() => kit.close());

  it('publishes rows a crash left unpublished, in seq order, in batches', async () => {
    // No relay running: the process "crashed" after commit, before publishing.
    kit = await createTestKit({ modules: [ordersModule], databaseUrl: target.url, start: false, relay: { batchSize: 4 } });
    const orders = kit.resolve(OrderService);
    for (let i = 0; i < 5; i++) await kit.run(() => orders.place(i));
    expect(await kit.runtime.outbox.pendingCount()).to.equal(10);
    expect(kit.bus.log).to.have.length(0);

    const published = await kit.runtime.relay.drain();
    expect(published).to.equal(10);
    expect(await kit.runtime.outbox.pendingCount()).to.equal(0);
    const seqOrder = (await kit.db('event_outbox').orderBy('seq').select('event_id')).map((r) => r.event_id);
    expect(kit.bus.log.map((e) => e.fields.event_id)).to.deep.equal(seqOrder);
    expect(await kit.runtime.relay.drain()).to.equal(0);
  });

  it('the poller picks up rows committed while no wake-up reached it', async () => {
    kit = await createTestKit({ modules: [ordersModule], databaseUrl: target.url, relay: { pollIntervalMs: 30 } });
    // The relay already ran its start-up drain. A row committed without a wake-up (another
    // process's commit, a crash between commit and wake) is found by the poller alone.
    await new Promise((r) => setTimeout(r, 50));
    const envelope = kit.run(() => kit.runtime.pipeline.build('TEST_ORDER_PLACED', { orderId: '0190a5e4-1111-7aaa-8bbb-123456789abc', total: 1 }));
    await kit.runtime.outbox.stage(kit.db, [envelope]);
    const deadline = Date.now() + 3000;
    while ((await kit.runtime.outbox.pendingCount()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(kit.bus.log.map((e) => e.fields.event_id)).to.deep.equal([envelope.id]);
    expect(await kit.runtime.outbox.pendingCount()).to.equal(0);
  });

  it('keeps rows and records the failure when the bus refuses, then publishes them on retry', async () => {
    kit = await createTestKit({ modules: [ordersModule], databaseUrl: target.url, start: false });
    const orders = kit.resolve(OrderService);
    await kit.run(() => orders.place(1));
    const publish = sinon.stub(kit.bus, 'publish').rejects(new Error('bus down'));
    const err = await kit.runtime.relay.drain().catch((e) => e);
    expect(err.message).to.equal('bus down');
    const rows = await kit.db('event_outbox').select('*');
    expect(rows.every((r) => r.published_at === null && Number(r.attempts) === 1 && r.last_error === 'bus down')).to.equal(true);
    publish.restore();
    expect(await kit.runtime.relay.drain()).to.equal(2);
    expect(await kit.runtime.outbox.pendingCount()).to.equal(0);
  });

  it('backs off after a failed publish and recovers by itself', async () => {
    kit = await createTestKit({ modules: [ordersModule], databaseUrl: target.url, relay: { backoffMs: 20, pollIntervalMs: 5000 } });
    const orders = kit.resolve(OrderService);
    const publish = sinon.stub(kit.bus, 'publish').rejects(new Error('bus down'));
    await kit.run(() => orders.place(1));
    await new Promise((r) => setTimeout(r, 100));
    expect(publish.callCount).to.be.greaterThan(1);
    publish.restore();
    // Recovered by its own back-off (the poll interval is 5 s): no drain() from the test.
    const deadline = Date.now() + 3000;
    while ((await kit.runtime.outbox.pendingCount()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await kit.runtime.outbox.pendingCount()).to.equal(0);
    expect(kit.bus.log).to.have.length(2);
  });
});
