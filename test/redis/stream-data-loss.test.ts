import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import Redis from 'ioredis';
import { container } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { RedisStreamsBus } from '../../lib/bus/redis-streams-bus';
import { withEmissionContext } from '../../lib/emission/emission-context';
import { EventRuntime } from '../../lib/runtime/event-runtime';
import { createDatabase } from '../../lib/uow/database';
import { RedisServer } from '../faults/support/redis-server';
import { OrderService, ordersModule } from '../fixtures/orders';
import { forEachDatabase } from '../support/databases';
import { describeWithRedis, eventually } from './support/redis';

/** Issue 10.7 in process, on both databases: the relay alone notices and republishes. */
describeWithRedis('relay: a Redis that lost its data', () => {
  forEachDatabase('published rows the stream no longer has', (target) => {
    let redis: RedisServer;
    let runtime: EventRuntime;
    let bus: RedisStreamsBus;
    let schema: string | undefined;
    const losses: Array<{ lastId: string; requeued: number }> = [];

    beforeEach(async () => {
      losses.length = 0;
      redis = await RedisServer.start();
      schema = target.url ? `wfe_test_${randomBytes(5).toString('hex')}` : undefined;
      bus = new RedisStreamsBus({ url: redis.url, stream: 'wfe:loss', trimIntervalMs: 0 });
      runtime = new EventRuntime({
        db: createDatabase(target.url ? { url: target.url, schema } : { filename: ':memory:' }),
        bus,
        container: container.createChildContainer(),
        modules: [ordersModule],
       
        relay: { pollIntervalMs: 100, backoffMs: 50, maxBackoffMs: 200, onDataLoss: (info) => losses.push(info) },
      });
      await runtime.migrate();
      runtime.startRelay();
    });
    afterEach(async () => {
      await runtime.stop();
      await bus.close();
      if (schema) await runtime.db.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await runtime.db.destroy();
      await redis.stop();
    });

    it('detects the loss while idle, queues the lost rows again and publishes them', async () => {
      await withEmissionContext({ tenantId: uuidv4() }, async () => {
        for (let i = 0; i < 5; i++) await runtime.resolve(OrderService).place(i);
      });
      const probe = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: (n) => Math.min(n * 50, 500) });
      probe.on('error', () => undefined);
      try {
        await eventually(async () => (await probe.xlen('wfe:loss').catch(() => 0)) === 10 && (await runtime.outbox.pendingCount()) === 0, 5000, 'published');
        const rows = await runtime.db('event_outbox').select('stream_id');
        expect(rows.every((r) => /^\d+-\d+$/.test(r.stream_id)), 'each row keeps its entry id').to.equal(true);
        await redis.killAndWipe();
        await redis.restart();
        await eventually(async () => (await probe.xlen('wfe:loss').catch(() => 0)) === 10, 8000, 'republished');
        expect(losses).to.have.length(1);
        expect(losses[0]).to.include({ lastId: '0-0', requeued: 10 });
        const ids = ((await probe.xrange('wfe:loss', '-', '+')) as Array<[string, string[]]>).map(([, f]) => f[f.indexOf('event_id') + 1]);
        expect(new Set(ids).size).to.equal(10);
      } finally {
        probe.disconnect();
      }
    });
  });
});
