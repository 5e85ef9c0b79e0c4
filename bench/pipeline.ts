/**
 * Durable events per second through the whole pipeline beside its peers, in one run, with the same
 * payloads (INVOICE_GENERATED envelopes), each ending as a row in PostgreSQL:
 *
 *   1. raw Redis Streams ceiling: pipelined XADD ×500, XREADGROUP COUNT 500 + XACK, no database;
 *   2. BullMQ: `add` per event (50 in flight), Worker concurrency 10, one INSERT per job;
 *   3. ours, outbox backlog → relay → Redis → worker-recorded, with 1 relay+worker process
 *      (one stream) and with 3 (6 partitions, per-entity order);
 *   4. commit → worker-recorded latency p50/p99 at a steady 1,000 events/s, one event per transaction;
 *   5. a one-INSERT business transaction with and without its outbox row.
 *
 *   node dist/bench/pipeline.js [events=10000]
 *
 * PostgreSQL from DATABASE_URL / TEST_DATABASE_URL (a throwaway schema), Redis from REDIS_URL /
 * TEST_REDIS_URL (throwaway keys); both removed afterwards. Last line:
 * `pipeline: <N> events/s, <R> of the raw ceiling, <B>x BullMQ, p99 <L> ms at 1000/s, outbox cost <C>x, lost <K>`.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { Knex } from 'knex';
import { container } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { billingModule } from '../domains/billing';
import { EventEnvelope } from '../lib/bus/envelope';
import { InMemoryBus } from '../lib/bus/memory-bus';
import { partitionStream } from '../lib/bus/partition-lease';
import { toArgs } from '../lib/bus/redis-entries';
import { toWireFields } from '../lib/bus/wire';
import { withEmissionContext } from '../lib/emission/emission-context';
import { OutboxStore } from '../lib/outbox/outbox-store';
import { EventRuntime } from '../lib/runtime/event-runtime';
import { testPostgresUrl, testRedisUrl } from '../lib/testing/environment';
import { createDatabase, isPostgresUrl } from '../lib/uow/database';

const N = Number(process.argv[2] ?? 10_000);
const BATCH = 500;
const RATE = 1000;
const LATENCY_SECONDS = 3;
const PARTITIONS_FOR_3 = 6;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function rawCeiling(redis: Redis, reader: Redis, stream: string, envelopes: EventEnvelope[]): Promise<number> {
  await redis.xgroup('CREATE', stream, 'raw', '0', 'MKSTREAM');
  const t0 = performance.now();
  const produce = (async () => {
    for (let i = 0; i < envelopes.length; i += BATCH) {
      const p = redis.pipeline();
      for (const e of envelopes.slice(i, i + BATCH)) p.xadd(stream, '*', ...toArgs(toWireFields(e)));
      await p.exec();
    }
  })();
  let consumed = 0;
  while (consumed < envelopes.length) {
    const reply = (await reader.xreadgroup('GROUP', 'raw', 'c', 'COUNT', BATCH, 'BLOCK', 100, 'STREAMS', stream, '>')) as Array<[string, Array<[string, string[]]>]> | null;
    const entries = reply?.[0]?.[1] ?? [];
    if (entries.length) await redis.xack(stream, 'raw', ...entries.map(([id]) => id));
    consumed += entries.length;
  }
  await produce;
  const ms = performance.now() - t0;
  await redis.del(stream);
  return envelopes.length / (ms / 1000);
}

async function bullmq(redisUrl: string, db: Knex, envelopes: EventEnvelope[], prefix: string): Promise<{ rate: number; lost: number }> {
  await db.schema.createTable('bench_bull', (t) => {
    t.uuid('event_id').primary();
    t.jsonb('payload').notNullable();
  });
  const connection = { url: redisUrl, maxRetriesPerRequest: null } as any;
  const queue = new Queue('bench', { connection, prefix });
  let done = 0;
  const worker = new Worker(
    'bench',
    async (job) => {
      await db('bench_bull').insert({ event_id: job.data.id, payload: JSON.stringify(job.data.payload) });
      done++;
    },
    { connection, prefix, concurrency: 10, removeOnComplete: { count: 0 } },
  );
  await worker.waitUntilReady();
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 50 }, async () => {
      for (let i = next++; i < envelopes.length; i = next++) await queue.add('event', envelopes[i], { removeOnComplete: true });
    }),
  );
  while (done < envelopes.length) await sleep(5);
  const ms = performance.now() - t0;
  const rows = Number((await db('bench_bull').count({ n: '*' }))[0].n);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return { rate: envelopes.length / (ms / 1000), lost: envelopes.length - rows };
}

function spawnNode(env: Record<string, string>): Promise<ChildProcess> {
  // BENCH_CPU_PROF=<dir>: each relay+worker process writes a CPU profile there (node --cpu-prof).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, path.join(__dirname, 'pipeline-node.js')], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`bench node exited ${code}`)));
  });
}

async function stopNodes(nodes: ChildProcess[]): Promise<void> {
  await Promise.all(nodes.map((c) => new Promise<void>((resolve) => {
    if (c.exitCode !== null) return resolve();
    c.once('exit', () => resolve());
    c.kill('SIGTERM');
    setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
  })));
}

async function main(): Promise<void> {
  const dbUrl = process.env.DATABASE_URL ?? testPostgresUrl();
  const redisUrl = process.env.REDIS_URL ?? testRedisUrl();
  if (!isPostgresUrl(dbUrl)) throw new Error('the pipeline bench needs PostgreSQL (DATABASE_URL)');
  const tag = randomBytes(4).toString('hex');
  const schema = `wfe_bench_${tag}`;
  const stream = `wfe:bench:${tag}`;
  const db = createDatabase({ url: dbUrl, schema, poolMax: 12 });
  const runtime = new EventRuntime({ db, bus: new InMemoryBus(), container: container.createChildContainer(), modules: [billingModule] });
  const redis = new Redis(redisUrl);
  const reader = new Redis(redisUrl);
  const nodes: ChildProcess[] = [];
  const tenantId = uuidv4();
  const entities = Array.from({ length: 500 }, () => uuidv4());
  const build = (i: number) =>
    withEmissionContext({ tenantId, actorUserId: tenantId }, () =>
      runtime.pipeline.build('INVOICE_GENERATED', { invoiceId: entities[i % entities.length], clientId: tenantId, totalAmount: 47_500, status: 'draft', invoiceNumber: `INV-${String(i).padStart(6, '0')}` }),
    );
  const recorded = async () => Number((await db('workflow_runtime_events').count({ n: '*' }))[0].n);
  let lost = 0;

  try {
    await runtime.migrate();
    const envelopes = Array.from({ length: N }, (_, i) => build(i));
    console.log(`pipeline bench: ${N} events (INVOICE_GENERATED), PostgreSQL + Redis, one sitting; machine load ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')}`);

    // 1. Raw ceiling.
    const raw = await rawCeiling(redis, reader, `${stream}:raw`, envelopes);
    console.log(`  raw Redis Streams (XADD ×${BATCH} pipelined, XREADGROUP ${BATCH} + XACK, no DB)  ${fmt(raw)} events/s`);

    // 2. BullMQ.
    const bull = await bullmq(redisUrl, db, envelopes, `wfe-bench-${tag}`);
    lost += bull.lost;
    console.log(`  BullMQ (add per event, 50 in flight; Worker concurrency 10; INSERT per job)        ${fmt(bull.rate)} events/s`);

    // 3. Ours: a committed backlog drained by 1, then 3, relay+worker processes.
    const ours = async (processes: number, partitions: number): Promise<number> => {
      await db('workflow_runtime_events').del();
      await db('event_outbox').del();
      const staging = new OutboxStore(db, { partitions: Math.max(1, partitions) });
      const fresh = Array.from({ length: N }, (_, i) => build(i));
      for (let i = 0; i < N; i += BATCH) await db.transaction((trx) => staging.stage(trx, fresh.slice(i, i + BATCH), { notify: false }));
      const env = { BENCH_DB_URL: dbUrl, BENCH_SCHEMA: schema, BENCH_REDIS_URL: redisUrl, BENCH_STREAM: `${stream}:${processes}`, BENCH_PARTITIONS: String(partitions) };
      const started = await Promise.all(Array.from({ length: processes }, () => spawnNode(env)));
      nodes.push(...started);
      await sleep(1500); // partition shares settle (members announce once a second)
      const runStream = `${stream}:${processes}`;
      const streams = partitions ? Array.from({ length: partitions }, (_, p) => partitionStream(runStream, p, partitions)) : [runStream];
      // Cheap probes while the pipeline runs (a count(*) every few ms would steal the database from
      // it): the outbox's unpublished index, then each stream's consumer group lag and pending count.
      const drained = async () => {
        if (await db('event_outbox').whereNull('published_at').first('seq')) return false;
        for (const st of streams) {
          const groups = (await redis.xinfo('GROUPS', st).catch(() => [])) as unknown[][];
          const g = groups.map((flat) => Object.fromEntries(Array.from({ length: flat.length / 2 }, (_, k) => [flat[2 * k], flat[2 * k + 1]])))[0];
          if (!g || Number(g.pending) > 0 || Number(g.lag ?? 0) > 0) return false;
        }
        return true;
      };
      const t0 = performance.now();
      for (const c of started) c.stdin!.write('start\n');
      for (;;) {
        if ((await drained()) && (await recorded()) >= N) break;
        await sleep(5);
      }
      const rate = N / ((performance.now() - t0) / 1000);
      const got = Number((await db('workflow_runtime_events').whereIn('event_id', fresh.map((e) => e.id)).count({ n: '*' }))[0].n);
      lost += N - got;
      return rate;
    };
    const onePartitions = Number(process.env.BENCH_ONE_PARTITIONS ?? 4);
    const one = await ours(1, onePartitions);
    console.log(`  ours, 1 relay+worker process (${onePartitions ? `${onePartitions} partitions` : 'one stream'})                                    ${fmt(one)} events/s`);

    // 4. Latency at a steady rate, the 1-process pipeline running: one event per transaction.
    const committedAt = new Map<string, number>();
    const start = performance.now();
    const inFlight: Array<Promise<void>> = [];
    for (let i = 0; i < RATE * LATENCY_SECONDS; i++) {
      const e = build(i);
      inFlight.push(
        db.transaction((trx) => runtime.outbox.stage(trx, [e])).then(() => {
          committedAt.set(e.id, Date.now());
        }),
      );
      const wait = start + ((i + 1) * 1000) / RATE - performance.now();
      if (wait > 1) await sleep(wait);
    }
    await Promise.all(inFlight);
    const ids = [...committedAt.keys()];
    for (let tries = 0; tries < 500; tries++) {
      const n = Number((await db('workflow_runtime_events').whereIn('event_id', ids).count({ n: '*' }))[0].n);
      if (n === ids.length) break;
      await sleep(20);
    }
    const rows: Array<{ event_id: string; received_at: Date }> = await db('workflow_runtime_events').whereIn('event_id', ids).select('event_id', 'received_at');
    lost += ids.length - rows.length;
    const latencies = rows.map((r) => new Date(r.received_at).getTime() - committedAt.get(r.event_id)!).sort((a, b) => a - b);
    const achieved = ids.length / ((performance.now() - start) / 1000);
    console.log(`  commit → worker-recorded at ${RATE}/s (achieved ${fmt(achieved)}/s, ${ids.length} events): p50 ${pct(latencies, 50)} ms, p99 ${pct(latencies, 99)} ms`);
    await stopNodes(nodes.splice(0));

    const three = await ours(3, PARTITIONS_FOR_3);
    console.log(`  ours, 3 relay+worker processes (${PARTITIONS_FOR_3} partitions, per-entity order)                 ${fmt(three)} events/s`);
    await stopNodes(nodes.splice(0));

    // 5. Outbox cost: one-INSERT business transaction, with and without its outbox row.
    await db.schema.createTable('bench_business', (t) => {
      t.uuid('id').primary();
      t.integer('amount').notNullable();
    });
    const business = (trx: Knex.Transaction) => trx('bench_business').insert({ id: uuidv4(), amount: 1 });
    const timeTx = async (fn: (trx: Knex.Transaction) => Promise<unknown>, n: number) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await db.transaction(fn);
      return (performance.now() - t0) / n;
    };
    const variants = {
      alone: (trx: Knex.Transaction) => business(trx),
      inProcessRelay: async (trx: Knex.Transaction) => {
        await business(trx);
        await runtime.outbox.stage(trx, [build(0)], { notify: false });
      },
      notifying: async (trx: Knex.Transaction) => {
        await business(trx);
        await runtime.outbox.stage(trx, [build(0)]);
      },
    };
    const rounds: Record<keyof typeof variants, number[]> = { alone: [], inProcessRelay: [], notifying: [] };
    for (const fn of Object.values(variants)) await timeTx(fn, 100);
    for (let r = 0; r < 7; r++) for (const [k, fn] of Object.entries(variants)) rounds[k as keyof typeof variants].push(await timeTx(fn, 200));
    const alone = median(rounds.alone);
    const inProcess = median(rounds.inProcessRelay);
    const notifying = median(rounds.notifying);
    console.log(`  business transaction (BEGIN, INSERT, COMMIT): ${alone.toFixed(3)} ms; + outbox row: ${inProcess.toFixed(3)} ms (${(inProcess / alone).toFixed(2)}x, relay in process), ${notifying.toFixed(3)} ms with NOTIFY for relays elsewhere (${(notifying / alone).toFixed(2)}x, same statement)`);

    console.log(`  ratios: 1 process / raw ${(one / raw).toFixed(3)} · 3 processes / raw ${(three / raw).toFixed(3)} · 1 process / BullMQ ${(one / bull.rate).toFixed(2)}x · 3 processes / BullMQ ${(three / bull.rate).toFixed(2)}x`);
    console.log(`pipeline: ${fmt(one)} events/s, ${(one / raw).toFixed(2)} of the raw ceiling, ${(one / bull.rate).toFixed(1)}x BullMQ, p99 ${pct(latencies, 99)} ms at ${RATE}/s, outbox cost ${(inProcess / alone).toFixed(2)}x, lost ${lost}`);
  } finally {
    await stopNodes(nodes);
    const keys = await redis.keys(`${stream}*`).catch(() => [] as string[]);
    if (keys.length) await redis.del(...keys).catch(() => undefined);
    redis.disconnect();
    reader.disconnect();
    await db.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
