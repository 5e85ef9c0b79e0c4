import { randomBytes } from 'node:crypto';
import { expect } from 'chai';
import { container } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { billingModule, InvoiceService } from '../../domains/billing';
import { EventEnvelope } from '../../lib/bus/envelope';
import { RedisStreamsBus } from '../../lib/bus/redis-streams-bus';
import { withEmissionContext } from '../../lib/emission/emission-context';
import { EventRuntime } from '../../lib/runtime/event-runtime';
import { createDatabase } from '../../lib/uow/database';
import { forEachDatabase } from '../support/databases';
import { describeWithRedis, eventually } from './support/redis';

/** The in-process path (what `wfe serve` runs) with Redis Streams as the bus. */
describeWithRedis('EventRuntime on Redis Streams', ({ url, stream, admin }) => {
  forEachDatabase('InvoiceService.finalize → workflow_runtime_events', (target) => {
    let runtime: EventRuntime;
    let bus: RedisStreamsBus;
    let schema: string | undefined;
    const ctx = { tenantId: uuidv4(), actorUserId: uuidv4() };
    const lines = [{ description: 'Managed services', quantity: 1, unitPrice: 9900 }];

    beforeEach(async () => {
      schema = target.url ? `wfe_test_${randomBytes(5).toString('hex')}` : undefined;
      const db = createDatabase(target.url ? { url: target.url, schema } : { filename: ':memory:' });
      bus = new RedisStreamsBus({ url, stream: stream(), trimIntervalMs: 0 });
      runtime = new EventRuntime({
        db,
        bus,
        container: container.createChildContainer(),
        modules: [billingModule],
        relay: { pollIntervalMs: 200 },
        worker: { blockMs: 200, claimIdleMs: 1000 },
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

    it('delivers INVOICE_FINALIZED through outbox, relay, Redis and worker, recorded once', async () => {
      const committed: EventEnvelope[] = [];
      runtime.onCommitted((envs) => committed.push(...envs));
      const invoices = runtime.resolve(InvoiceService);
      const draft = await withEmissionContext(ctx, () => invoices.generate({ clientId: uuidv4(), lines }));
      await withEmissionContext(ctx, () => invoices.finalize(draft.id));
      const finalized = committed.filter((e) => e.eventType === 'INVOICE_FINALIZED');
      expect(finalized).to.have.length.greaterThan(0);

      const processed = () => runtime.db('workflow_runtime_events').where({ status: 'processed' }).select('event_id', 'event_type', 'stream_id', 'payload_schema_ref', 'payload');
      const rows = await eventually(async () => {
        const r = await processed();
        return r.length >= committed.length ? r : undefined;
      }, 5000, 'every committed event processed');
      expect(rows.map((r) => r.event_id).sort()).to.deep.equal(committed.map((e) => e.id).sort());
      for (const event of finalized) {
        const row = rows.find((r) => r.event_id === event.id)!;
        expect(row.payload_schema_ref).to.equal(event.schemaRef).and.match(/^payload\.InvoiceFinalized\.v\d+$/);
        expect(typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload).to.deep.include({ invoiceId: draft.id, status: 'finalized', tenantId: ctx.tenantId });
        // The row names the Redis entry it came from, and that entry carries the same event.
        const [[, flat]] = await admin().xrange(bus.stream, row.stream_id, row.stream_id);
        expect(flat[flat.indexOf('event_id') + 1]).to.equal(event.id);
      }
      // The worker may record an entry before the relay's UPDATE marking its row published commits.
      await eventually(async () => (await runtime.outbox.pendingCount()) === 0, 5000, 'outbox rows marked published');
    });

    it('publishes nothing for a rolled-back business action', async () => {
      const invoices = runtime.resolve(InvoiceService);
      const err = await withEmissionContext(ctx, () =>
        runtime.uow.run(async () => {
          await invoices.generate({ clientId: uuidv4(), lines });
          throw new Error('rolled back on purpose');
        }),
      ).catch((e) => e);
      expect(err.message).to.equal('rolled back on purpose');
      const kept = await withEmissionContext(ctx, () => invoices.generate({ clientId: uuidv4(), lines }));
      await eventually(async () => (await runtime.db('workflow_runtime_events').count({ n: '*' }))[0].n == 1, 5000, 'the committed event');
      await new Promise((r) => setTimeout(r, 300));
      const rows = await runtime.db('workflow_runtime_events').select('payload');
      expect(rows).to.have.length(1);
      expect(JSON.stringify(rows[0].payload)).to.contain(kept.id);
      expect(await admin().xlen(bus.stream)).to.equal(1);
    });
  });
});
