import { expect } from 'chai';
import { container } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { RedisStreamsBus } from '../../lib/bus/redis-streams-bus';
import { withEmissionContext } from '../../lib/emission/emission-context';
import { EventRuntime } from '../../lib/runtime/event-runtime';
import { createDatabase } from '../../lib/uow/database';
import { OrderService, ordersModule } from '../fixtures/orders';
import { BlackholeProxy } from './support/blackhole-proxy';
import { describeWithRedis, eventually } from './support/redis';

/** Issue 10.6: a middlebox drops the flows (no FIN, no RST); relay and worker replace their connections. */
describeWithRedis('half-open Redis connections', ({ url, stream, admin }) => {
  let proxy: BlackholeProxy;
  let runtime: EventRuntime;
  let bus: RedisStreamsBus;
  let streamName: string;
  const replaced: string[] = [];

  beforeEach(async () => {
    replaced.length = 0;
    proxy = await BlackholeProxy.start(url);
    streamName = stream();
    bus = new RedisStreamsBus({ url: proxy.url, stream: streamName, trimIntervalMs: 0, commandTimeoutMs: 400, onConnectionReplaced: (c) => replaced.push(c) });
    runtime = new EventRuntime({
      db: createDatabase({ filename: ':memory:' }),
      bus,
      container: container.createChildContainer(),
      modules: [ordersModule],
     
      relay: { pollIntervalMs: 100, backoffMs: 50, maxBackoffMs: 200 },
      worker: { blockMs: 200, claimIdleMs: 2000 },
    });
    await runtime.migrate();
  });
  afterEach(async () => {
    await runtime.stop();
    await bus.close();
    await runtime.db.destroy();
    await proxy.close();
  });

  const place = (n: number) =>
    withEmissionContext({ tenantId: uuidv4() }, async () => {
      for (let i = 0; i < n; i++) await runtime.resolve(OrderService).place(i);
    });
  const processed = async () => Number((await runtime.db('workflow_runtime_events').where({ status: 'processed' }).count({ n: '*' }))[0].n);

  it('the relay replaces a black-holed connection and publishes again within seconds', async () => {
    runtime.startRelay();
    await place(2);
    await eventually(async () => (await admin().xlen(streamName)) === 4, 5000, 'first events published');
    expect(proxy.blackhole()).to.be.greaterThan(0);
    const started = Date.now();
    await place(3);
    await eventually(async () => (await admin().xlen(streamName)) >= 10, 8000, 'events published after the flow was dropped');
    await eventually(async () => (await runtime.outbox.pendingCount()) === 0, 2000, 'outbox rows marked published');
    expect(await admin().xlen(streamName), 'nothing reached Redis through the dropped flow').to.equal(10);
    expect(replaced).to.include('command');
    console.log(`      [fault] half-open relay connection: published again ${Date.now() - started} ms after the drop`);
  });

  it('the worker replaces a black-holed read connection and ingests again within seconds', async () => {
    runtime.start();
    await place(2);
    await eventually(async () => (await processed()) === 4, 5000, 'first events processed');
    expect(proxy.blackhole()).to.be.greaterThan(0);
    const started = Date.now();
    await place(3);
    await eventually(async () => (await processed()) === 10, 10_000, 'events processed after the flow was dropped');
    expect(replaced).to.include.members(['command', `reader of workflow-runtime-v2`]);
    console.log(`      [fault] half-open worker connections: ingesting again ${Date.now() - started} ms after the drop`);
  });
});
