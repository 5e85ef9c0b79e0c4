import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { container } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { RedisStreamsBus } from '../../lib/bus/redis-streams-bus';
import { withEmissionContext } from '../../lib/emission/emission-context';
import { EventRuntime } from '../../lib/runtime/event-runtime';
import { createDatabase } from '../../lib/uow/database';
import { ShipmentLedger, ShipmentMailer, ShipmentService, shipmentsModule } from '../core/support/shipments';
import { forEachDatabase } from '../support/databases';
import { describeWithRedis, eventually } from './support/redis';

/** Issue 10.5 on the Redis path: deferred entries keep their delivery count (XCLAIM RETRYCOUNT). */
describeWithRedis('worker on Redis Streams: an outage is not poison', ({ url, stream }) => {
  forEachDatabase('workflow_runtime_events missing for a while', (target) => {
    let runtime: EventRuntime;
    let bus: RedisStreamsBus;
    let schema: string | undefined;

    beforeEach(async () => {
      ShipmentLedger.reset();
      schema = target.url ? `wfe_test_${randomBytes(5).toString('hex')}` : undefined;
      const db = createDatabase(target.url ? { url: target.url, schema } : { filename: ':memory:' });
      bus = new RedisStreamsBus({ url, stream: stream(), trimIntervalMs: 0 });
      runtime = new EventRuntime({
        db,
        bus,
        container: container.createChildContainer(),
        modules: [shipmentsModule],
        relay: { pollIntervalMs: 100 },
        worker: { blockMs: 100, claimIdleMs: 300, maxDeliveries: 2 },
      });
      await runtime.migrate();
      runtime.start();
    });
    afterEach(async () => {
      await runtime.stop();
      await bus.close();
      if (schema) await runtime.db.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await runtime.db.destroy();
    });

    it('keeps the entries pending without counting deliveries, reports the outage once each way, then records every event once', async () => {
      const outages: Error[] = [];
      const recoveries: unknown[] = [];
      runtime.worker.on('outage', (err) => outages.push(err));
      runtime.worker.on('recovered', (info) => recoveries.push(info));
      await runtime.db.schema.renameTable('workflow_runtime_events', 'wre_away');
      const shipments = runtime.resolve(ShipmentService);
      const ids = Array.from({ length: 20 }, () => uuidv4());
      await withEmissionContext({ tenantId: uuidv4() }, async () => {
        for (const id of ids) await shipments.send(id);
      });
      await new Promise((r) => setTimeout(r, 2500)); // several claim cycles at claimIdleMs 300, maxDeliveries 2
      const pending = (await bus.redis.xpending(bus.stream, 'workflow-runtime-v2', '-', '+', 100)) as Array<[string, string, number, number]>;
      // Read and deferred, or not read yet: the worker stops reading more while the outage lasts.
      expect(pending.length, 'entries pending').to.be.within(1, ids.length);
      expect(Math.max(...pending.map((p) => p[3])), 'delivery counts stay at or below 1 past the outage').to.be.at.most(1);
      expect(await bus.deadLetters()).to.deep.equal([]);
      expect(outages).to.have.length(1);
      await runtime.db.schema.renameTable('wre_away', 'workflow_runtime_events');
      await eventually(async () => Number((await runtime.db('workflow_runtime_events').where({ status: 'processed' }).count({ n: '*' }))[0].n) === ids.length, 10_000, 'every event processed');
      expect(await bus.deadLetters()).to.deep.equal([]);
      expect(ShipmentMailer.sent.sort()).to.deep.equal([...ids].sort());
      expect(recoveries).to.have.length(1);
    });
  });
});
