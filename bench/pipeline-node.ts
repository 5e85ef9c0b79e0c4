/**
 * One relay + worker process of bench/pipeline (spawned by it, never run by hand): a runtime on the
 * bench's schema and stream that prints `ready`, starts relay and worker on a `start` line on
 * stdin, and stops gracefully on SIGTERM. BENCH_PARTITIONS > 0 runs the partitioned (ordered) mode.
 */
import 'reflect-metadata';
import { container } from 'tsyringe';
import { billingModule } from '../domains/billing';
import { EventBus } from '../lib/bus/event-bus';
import { partitionStream } from '../lib/bus/partition-lease';
import { RedisStreamsBus } from '../lib/bus/redis-streams-bus';
import { EventRuntime } from '../lib/runtime/event-runtime';
import { createDatabase } from '../lib/uow/database';

async function main(): Promise<void> {
  const env = process.env;
  const partitions = Number(env.BENCH_PARTITIONS || 0);
  const stream = env.BENCH_STREAM!;
  const db = createDatabase({ url: env.BENCH_DB_URL, schema: env.BENCH_SCHEMA, poolMax: 12 });
  const bus = new RedisStreamsBus({ url: env.BENCH_REDIS_URL!, stream, trimIntervalMs: 0 });
  const buses: EventBus[] = partitions ? Array.from({ length: partitions }, (_, p) => new RedisStreamsBus({ url: env.BENCH_REDIS_URL!, stream: partitionStream(stream, p, partitions), trimIntervalMs: 0 })) : [];
  const runtime = new EventRuntime({
    db,
    bus,
    container: container.createChildContainer(),
    modules: [billingModule],
    relay: { batchSize: 500, pollIntervalMs: 50 },
    worker: { batchSize: 500, blockMs: 100, keyLanes: 4 },
    partitions: partitions ? { count: partitions, busFor: (p) => buses[p], membersKey: `${stream}:members` } : undefined,
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await runtime.stop();
    await Promise.all([bus, ...buses].map((b) => b.close()));
    await db.destroy();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (d: string) => {
    if (d.includes('start')) runtime.startRelay();
  });
  await db.raw('select 1');
  // The worker first (nothing to read until the relay publishes): partition shares settle meanwhile.
  runtime.worker.start();
  console.log('ready');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
