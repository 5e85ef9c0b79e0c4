import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { withEmissionContext } from '../../lib/emission/emission-context';
import { DelayProxy } from './support/delay-proxy';
import { EFFECTS_CONFIG } from './support/processes';
import { describeFault, RELAY_ARGS, WORKER_ARGS } from './support/fault-suite';

const PARTITIONS = 6;
const ENTITIES = 50;
const EVENTS = Number(process.env.WFE_ORDER_EVENTS || 10_000);
const PER_TRANSACTION = 100;
const LANES = 5;

describeFault('fault: per-entity order with 3 relays and 3 workers on partitions, one relay slowed', (fresh) => {
  it('handles every entity\'s events in commit order, loses none and applies no effect twice', async function () {
    this.timeout(120_000);
    const env = await fresh(undefined, PARTITIONS);
    // Relay 3 reaches Redis through a link that delays every chunk by 40 ms each way.
    const slow = await DelayProxy.start(env.redisUrl, 40);
    try {
      const workerArgs = [...WORKER_ARGS, '--batch-size', '100', '--claim-idle', '5000'];
      const relayArgs = [...RELAY_ARGS, '--batch-size', '100'];
      const started = await Promise.all([
        env.processes.start('relay-1', relayArgs),
        env.processes.start('relay-2', relayArgs),
        env.processes.start('relay-3-slow', relayArgs, { env: { REDIS_URL: slow.url } }),
        ...[1, 2, 3].map((i) => env.processes.start(`worker-${i}`, workerArgs, { config: EFFECTS_CONFIG })),
      ]);

      // 50 invoices, each lane owning 10 of them: an entity's events commit one after the other.
      const tenantId = uuidv4();
      const invoices = Array.from({ length: ENTITIES }, () => uuidv4());
      const t0 = Date.now();
      await Promise.all(
        Array.from({ length: LANES }, (_, lane) =>
          withEmissionContext({ tenantId, actorUserId: uuidv4() }, async () => {
            const mine = invoices.filter((_, i) => i % LANES === lane);
            for (let n = 0; n < EVENTS / LANES; n += PER_TRANSACTION) {
              // One multi-row outbox insert per transaction, as a decorated method emitting many events stages them.
              const envelopes = await env.runtime.uow.run(async (trx) => {
                const built = [];
                for (let k = n; k < n + PER_TRANSACTION; k++) {
                  built.push(env.runtime.pipeline.build('INVOICE_FINALIZED', { invoiceId: mine[k % mine.length], totalAmount: k, status: 'finalized' }));
                }
                await env.runtime.outbox.stage(trx, built);
                return built;
              });
              env.committed.push(...envelopes);
            }
          }),
        ),
      );
      const committedMs = Date.now() - t0;
      await env.settled(60_000);
      const settledMs = Date.now() - t0;

      const ids = env.committed.map((e) => e.id);
      expect(ids.length).to.equal(EVENTS);
      const recorded = await env.count(`select count(*) n from workflow_runtime_events where status = 'processed' and event_id = any(?::uuid[])`, [ids]);
      const effects = await env.count('select count(*) n from fault_effects');
      const distinct = await env.count('select count(distinct event_id) n from fault_effects');
      // Per invoice: the order its effects were applied in (fault_effects.id) against commit order (outbox seq).
      const { rows: outOfOrder } = await env.db.raw(`
        select invoice, count(*) n from (
          select o.payload->>'invoiceId' invoice, o.seq,
                 lag(o.seq) over (partition by o.payload->>'invoiceId' order by f.id) prev_seq
          from fault_effects f join event_outbox o on o.event_id = f.event_id
        ) x where prev_seq > seq group by invoice`);
      const { rows: spread } = await env.db.raw('select count(distinct partition) n from event_outbox');
      const relaysUsed = await env.count('select count(distinct worker_pid) n from fault_effects');
      const exits = await Promise.all(started.map((p) => env.processes.kill(p, 'SIGTERM')));
      console.log(
        `      [fault] partitions ${PARTITIONS}, 3 relays (one via a 40 ms link) + 3 workers: sent ${ids.length} · recorded ${recorded} · lost ${ids.length - recorded}` +
          ` · effects ${effects} (twice: ${effects - distinct}) · entities out of order ${outOfOrder.length} · workers applying effects ${relaysUsed}` +
          ` · committed in ${(committedMs / 1000).toFixed(1)} s, all handled after ${(settledMs / 1000).toFixed(1)} s`,
      );
      if (outOfOrder.length) {
        const { rows } = await env.db.raw(
          `select o.seq, o.partition, f.id effect, f.worker_pid, w.stream_id, w.received_at from fault_effects f join event_outbox o on o.event_id = f.event_id
           left join workflow_runtime_events w on w.event_id = f.event_id where o.payload->>'invoiceId' = ? order by f.id`,
          [outOfOrder[0].invoice],
        );
        console.log(rows.map((r: any) => `${r.seq} p${r.partition} e${r.effect} pid${r.worker_pid} ${r.stream_id}`).join('\n'));
      }
      expect(recorded, 'lost events').to.equal(EVENTS);
      expect(distinct, 'events with an effect').to.equal(EVENTS);
      expect(effects - distinct, 'effects applied twice').to.equal(0);
      expect(outOfOrder, 'entities whose events were handled out of commit order').to.deep.equal([]);
      expect(Number(spread[0].n), 'partitions used').to.be.greaterThan(1);
      expect(relaysUsed, 'workers sharing the partitions').to.be.greaterThan(1);
      expect(exits.map((e) => e.code), 'graceful exit on SIGTERM').to.deep.equal([0, 0, 0, 0, 0, 0]);
    } finally {
      await slow.close();
    }
  });
});
