import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import sinon from 'sinon';
import { container } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { InMemoryBus } from '../../lib/bus/memory-bus';
import { withEmissionContext } from '../../lib/emission/emission-context';
import { EventRuntime } from '../../lib/runtime/event-runtime';
import { postgresReachable, testPostgresUrl, unreachable } from '../../lib/testing/environment';
import { createDatabase } from '../../lib/uow/database';
import { OrderService, ordersModule } from '../fixtures/orders';

describe('relay wake-up across processes [postgres]', () => {
  const schema = `wfe_test_${randomBytes(5).toString('hex')}`;
  const url = testPostgresUrl();
  let app: EventRuntime;
  let relay: EventRuntime;
  const relayBus = new InMemoryBus();

  before(async function () {
    if (!(await postgresReachable(url)) && unreachable('PostgreSQL', url) === 'skip') return this.skip();
    const runtime = (bus = new InMemoryBus(), pollIntervalMs = 1000) =>
      new EventRuntime({ db: createDatabase({ url, schema }), bus, container: container.createChildContainer(), modules: [ordersModule], relay: { pollIntervalMs } });
    app = runtime();
    await app.migrate();
    // A relay that would only poll once a minute: anything it publishes sooner came from NOTIFY.
    relay = runtime(relayBus, 60_000);
    // The listener wakes the relay once LISTEN is in place (rows committed while not listening):
    // the second wake-up after start says it listens, whatever the machine's load.
    const wake = sinon.spy(relay.relay, 'wake');
    relay.startRelay();
    const deadline = Date.now() + 10_000;
    while (wake.callCount < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    wake.restore();
  });

  after(async () => {
    await relay?.stop();
    await relay?.db.destroy();
    if (app) {
      await app.db.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await app.db.destroy();
    }
  });

  it("a commit in one process wakes another process's relay at once (LISTEN/NOTIFY)", async () => {
    const order = await withEmissionContext({ tenantId: uuidv4() }, () => app.resolve(OrderService).place(42));
    const deadline = Date.now() + 3000;
    while (relayBus.log.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(relayBus.log.map((e) => e.fields.event_type)).to.deep.equal(['TEST_ORDER_PLACED', 'TEST_ORDER_CREATED']);
    expect(JSON.parse(relayBus.log[0].fields.payload_json).orderId).to.equal(order.id);
  });

  it('a rolled-back transaction wakes nobody and publishes nothing', async () => {
    const before = relayBus.log.length;
    await withEmissionContext({ tenantId: uuidv4() }, () =>
      app.uow.run(async () => {
        await app.resolve(OrderService).place(1);
        throw new Error('rollback');
      }),
    ).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    expect(relayBus.log.length).to.equal(before);
  });
});
