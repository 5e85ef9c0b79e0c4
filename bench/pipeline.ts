/**
 * Outbox → Redis Streams → worker throughput and commit → worker latency, beside raw pipelined
 * XADD of the same payloads in the same run.
 *
 *   node dist/bench/pipeline.js [events=5000] [workers=1] [concurrency=1] [latency rate/s=100]
 *
 * PostgreSQL from DATABASE_URL / TEST_DATABASE_URL (a throwaway schema), Redis from REDIS_URL /
 * TEST_REDIS_URL (a throwaway stream). Both are removed afterwards.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { container } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { billingModule } from '../domains/billing';
import { EventEnvelope } from '../lib/bus/envelope';
import { RedisStreamsBus } from '../lib/bus/redis-streams-bus';
import { toArgs } from '../lib/bus/redis-entries';
import { toWireFields } from '../lib/bus/wire';
import { withEmissionContext } from '../lib/emission/emission-context';
import { EventRuntime } from '../lib/runtime/event-runtime';
import { testPostgresUrl, testRedisUrl } from '../lib/testing/environment';
import { createDatabase, isPostgresUrl } from '../lib/uow/database';
import { EventWorker } from '../lib/worker/event-worker';
import { HandlerRunner } from '../lib/worker/handler-runner';

const N = Number(process.argv[2] ?? 5000);
const WORKERS = Number(process.argv[3] ?? 1);
const CONCURRENCY = Number(process.argv[4] ?? 1);
const RATE = Number(process.argv[5] ?? 100);
const LATENCY_EVENTS = Math.min(500, N);
const BATCH = 100;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const dbUrl = process.env.DATABASE_URL ?? testPostgresUrl();
  if (!isPostgresUrl(dbUrl)) throw new Error('the pipeline bench needs PostgreSQL (DATABASE_URL)');
  const schema = `wfe_bench_${randomBytes(4).toString('hex')}`;
  const stream = `wfe:bench:${randomBytes(4).toString('hex')}`;
  const db = createDatabase({ url: dbUrl, schema, poolMax: 4 + 2 * WORKERS * CONCURRENCY });
  const bus = new RedisStreamsBus({ url: process.env.REDIS_URL ?? testRedisUrl(), stream, trimIntervalMs: 0 });
  const runtime = new EventRuntime({
    db,
    bus,
    container: container.createChildContainer(),
    modules: [billingModule],
    relay: { batchSize: BATCH, pollIntervalMs: 50 },
    worker: { batchSize: 50, blockMs: 100, concurrency: CONCURRENCY, consumer: 'bench-0' },
  });
  const extraWorkers = Array.from(
    { length: WORKERS - 1 },
    (_, i) => new EventWorker(runtime.uow, bus, runtime.registry, runtime.validator, new HandlerRunner(runtime.uow, runtime.container, []), { batchSize: 50, blockMs: 100, concurrency: CONCURRENCY, consumer: `bench-${i + 1}` }),
  );
  const ctx = { tenantId: uuidv4(), actorUserId: uuidv4() };
  const emitOne = () => runtime.emit('INVOICE_GENERATED', { invoiceId: uuidv4(), clientId: uuidv4(), totalAmount: 47_500, status: 'draft', invoiceNumber: 'INV-000001' });
  const recorded = async () => Number((await db('workflow_runtime_events').count({ n: '*' }))[0].n);

  try {
    await runtime.migrate();

    // 1. Backlog: N committed events waiting in the outbox, then relay + worker(s) drain it.
    const envelopes: EventEnvelope[] = [];
    for (let i = 0; i < N; i += BATCH) {
      await withEmissionContext(ctx, () => runtime.uow.run(async () => {
        for (let j = i; j < Math.min(N, i + BATCH); j++) envelopes.push(await emitOne());
      }));
    }
    const t0 = performance.now();
    runtime.start();
    extraWorkers.forEach((w) => w.start());
    let relayDone = 0;
    while ((await recorded()) < N) {
      if (!relayDone && (await runtime.outbox.pendingCount()) === 0) relayDone = performance.now();
      await sleep(10);
    }
    const backlogMs = performance.now() - t0;
    relayDone ||= performance.now();

    // 2. Latency: events committed one per transaction, commit → recorded by the worker.
    const committedAt = new Map<string, number>();
    const latencies: number[] = [];
    runtime.onCommitted((envs) => envs.forEach((e) => committedAt.set(e.id, performance.now())));
    const onIngested = (e: EventEnvelope) => {
      const at = committedAt.get(e.id);
      if (at !== undefined) latencies.push(performance.now() - at);
    };
    [runtime.worker, ...extraWorkers].forEach((w) => w.on('ingested', onIngested));
    // A steady trickle below what one worker sustains: latency without a queue building up.
    const start = performance.now();
    for (let i = 0; i < LATENCY_EVENTS; i++) {
      await withEmissionContext(ctx, emitOne);
      await sleep(Math.max(0, start + ((i + 1) * 1000) / RATE - performance.now()));
    }
    while (latencies.length < LATENCY_EVENTS) await sleep(10);
    latencies.sort((a, b) => a - b);
    await Promise.all(extraWorkers.map((w) => w.stop()));
    await runtime.stop();

    // 3. Raw: the same payloads, pipelined XADD in batches of the relay's size.
    const raw = `${stream}:raw`;
    const r0 = performance.now();
    for (let i = 0; i < N; i += BATCH) {
      const pipeline = bus.redis.pipeline();
      for (const e of envelopes.slice(i, i + BATCH)) pipeline.xadd(raw, '*', ...toArgs(toWireFields(e)));
      await pipeline.exec();
    }
    const rawMs = performance.now() - r0;
    await bus.redis.del(raw);

    const pipelineRate = N / (backlogMs / 1000);
    const relayRate = N / ((relayDone - t0) / 1000);
    const rawRate = N / (rawMs / 1000);
    const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
    console.log(`pipeline bench: ${N} events, ${WORKERS} worker(s) × concurrency ${CONCURRENCY}, PostgreSQL + Redis ${bus.stream}`);
    console.log(`  outbox → Redis → worker-recorded   ${fmt(pipelineRate)} events/s  (${(backlogMs / 1000).toFixed(2)} s)`);
    console.log(`  outbox → Redis (relay alone)        ${fmt(relayRate)} events/s`);
    console.log(`  raw pipelined XADD                  ${fmt(rawRate)} events/s  (${(rawMs / 1000).toFixed(2)} s)`);
    console.log(`  commit → worker latency (${LATENCY_EVENTS} events at ${RATE}/s, one per transaction)  p50 ${pct(latencies, 50).toFixed(1)} ms  p99 ${pct(latencies, 99).toFixed(1)} ms`);
    console.log(`  ratios: end-to-end / raw XADD ${(pipelineRate / rawRate).toFixed(3)}  ·  relay / raw XADD ${(relayRate / rawRate).toFixed(3)}`);
  } finally {
    await Promise.all(extraWorkers.map((w) => w.stop()));
    await runtime.stop();
    await bus.redis.del(stream, `${stream}:dlq`).catch(() => undefined);
    await bus.close();
    await db.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
