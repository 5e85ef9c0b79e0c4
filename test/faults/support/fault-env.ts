import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Knex } from 'knex';
import { container } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { allModules } from '../../../domains';
import { InvoiceService } from '../../../domains/billing';
import { EventEnvelope } from '../../../lib/bus/envelope';
import { InMemoryBus } from '../../../lib/bus/memory-bus';
import { withEmissionContext } from '../../../lib/emission/emission-context';
import { EventRuntime } from '../../../lib/runtime/event-runtime';
import { createDatabase } from '../../../lib/uow/database';
import { Processes } from './processes';

export interface Audit {
  sent: number;
  recorded: number;
  lost: number;
  /** Handler effects applied more than once (workflow_runtime_events' key makes its rows unique). */
  duplicated: number;
  /** Stream entries carrying an event id already on the stream: published twice, deduplicated by the worker. */
  streamCopies: number;
  /** Rows or entries anywhere that belong to a rolled-back transaction. */
  rolledBackLeaked: number;
  /** Rows in workflow_runtime_events that no committed action produced. */
  unexpected: number;
}

/**
 * One fault case: a fresh PostgreSQL schema (migrated here, so the child processes run with
 * --no-migrate), a unique stream, the business side (InvoiceService in this process; its relay
 * never starts: publishing is the child relays' job) and the audit of what arrived.
 */
export class FaultEnv {
  readonly schema = `wfe_fault_${randomBytes(5).toString('hex')}`;
  readonly stream = `wfe:fault:${randomBytes(6).toString('hex')}`;
  readonly committed: EventEnvelope[] = [];
  readonly rolledBackInvoices: string[] = [];
  readonly runtime: EventRuntime;
  readonly processes: Processes;
  readonly redis: Redis;

  constructor(
    readonly databaseUrl: string,
    readonly redisUrl: string,
    /** WFE_PARTITIONS of the child processes; the business side stages rows into the same partitions. */
    readonly partitions?: number,
  ) {
    const db = createDatabase({ url: databaseUrl, schema: this.schema, poolMax: 8 });
    this.runtime = new EventRuntime({
      db,
      bus: new InMemoryBus(),
      container: container.createChildContainer(),
      modules: allModules,
      // Staging only (this runtime's relay never starts): rows land in the partitions the child relays drain.
      partitions: partitions ? { count: partitions, busFor: () => new InMemoryBus() } : undefined,
    });
    this.runtime.onCommitted((envs) => this.committed.push(...envs));
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, retryStrategy: (n) => Math.min(n * 100, 1000) });
    this.redis.on('error', () => undefined);
    this.processes = new Processes({
      DATABASE_URL: databaseUrl,
      WFE_DB_SCHEMA: this.schema,
      REDIS_URL: redisUrl,
      WFE_STREAM: this.stream,
      WFE_TRIM_INTERVAL_MS: '1000',
      ...(partitions ? { WFE_PARTITIONS: String(partitions) } : {}),
    });
  }

  get db(): Knex {
    return this.runtime.db;
  }

  async setUp(): Promise<void> {
    await this.runtime.migrate();
    await this.db.schema.createTable('fault_effects', (t) => {
      t.increments('id');
      t.uuid('event_id').notNullable();
      t.string('event_type', 128).notNullable();
      t.integer('worker_pid').notNullable();
    });
  }

  async tearDown(): Promise<void> {
    await this.processes.killAll();
    await this.redis.del(this.stream, `${this.stream}:dlq`).catch(() => undefined);
    // Partition streams, their dead letters and leases.
    const more = (await this.redis.keys(`${this.stream}:*`).catch(() => [])) as string[];
    if (more.length) await this.redis.del(...more).catch(() => undefined);
    this.redis.disconnect();
    await this.db.raw(`DROP SCHEMA IF EXISTS "${this.schema}" CASCADE`).catch(() => undefined);
    await this.db.destroy();
  }

  /**
   * `count` business actions: an invoice generated then finalized (two events), except every
   * `rollbackEvery`-th, generated inside a transaction that then rolls back (no event may surface).
   */
  async businessActions(count: number, options: { concurrency?: number; pauseMs?: number; rollbackEvery?: number } = {}): Promise<void> {
    const { concurrency = 1, pauseMs = 0, rollbackEvery = 10 } = options;
    const invoices = this.runtime.resolve(InvoiceService);
    const lines = [{ description: 'Managed services', quantity: 1, unitPrice: 12_500 }];
    let next = 0;
    // One tenant per lane: invoice numbers are sequential per tenant.
    const lane = async () => {
      const ctx = { tenantId: uuidv4(), actorUserId: uuidv4() };
      for (let i = next++; i < count; i = next++) {
        await withEmissionContext(ctx, async () => {
          if (rollbackEvery && i % rollbackEvery === rollbackEvery - 1) {
            await this.runtime.uow
              .run(async () => {
                const draft = await invoices.generate({ clientId: uuidv4(), lines });
                this.rolledBackInvoices.push(draft.id);
                throw new Error('rollback');
              })
              .catch(() => undefined);
          } else {
            const draft = await invoices.generate({ clientId: uuidv4(), lines });
            await invoices.finalize(draft.id);
          }
        });
        if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, lane));
  }

  async count(sql: string, bindings: readonly Knex.RawBinding[] = []): Promise<number> {
    const { rows } = await this.db.raw(sql, bindings);
    return Number(rows[0].n);
  }

  /** Waits until every committed event is processed with its effect, then a little longer for stragglers. */
  async settled(timeoutMs = 40_000): Promise<void> {
    const ids = this.committed.map((e) => e.id);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const processed = await this.count(`select count(*) n from workflow_runtime_events where status = 'processed' and event_id = any(?::uuid[])`, [ids]);
      const effects = await this.count('select count(distinct event_id) n from fault_effects where event_id = any(?::uuid[])', [ids]);
      if (processed === ids.length && effects === ids.length) break;
      if (Date.now() > deadline) return; // the audit reports what is missing
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 700));
  }

  /** `directEntries`: entries the test XADDed itself (poison, replays), not copies. */
  async audit(directEntries = 0): Promise<Audit> {
    const ids = this.committed.map((e) => e.id);
    const recorded = await this.count(`select count(*) n from workflow_runtime_events where status = 'processed' and event_id = any(?::uuid[])`, [ids]);
    const duplicated = await this.count('select coalesce(sum(c - 1), 0) n from (select count(*) c from fault_effects group by event_id) x');
    const unexpected = await this.count('select count(*) n from workflow_runtime_events where not (event_id = any(?::uuid[]))', [ids]);
    const rolled = this.rolledBackInvoices;
    let rolledBackLeaked = 0;
    if (rolled.length) {
      rolledBackLeaked += await this.count(`select count(*) n from event_outbox where payload->>'invoiceId' = any(?)`, [rolled]);
      rolledBackLeaked += await this.count(`select count(*) n from workflow_runtime_events where payload->>'invoiceId' = any(?)`, [rolled]);
    }
    // Trimming removes acknowledged entries, so copies are counted from the stream's lifetime counter.
    const info = toObject((await this.redis.xinfo('STREAM', this.stream)) as string[]);
    const streamCopies = Number(info['entries-added']) - ids.length - directEntries;
    for (const [, flat] of (await this.redis.xrange(this.stream, '-', '+')) as Array<[string, string[]]>) {
      const payload = toObject(flat).payload_json ?? '';
      if (rolled.some((id) => payload.includes(id))) rolledBackLeaked++;
    }
    return { sent: ids.length, recorded, lost: ids.length - recorded, duplicated, streamCopies, rolledBackLeaked, unexpected };
  }

  /** Prints the figures the lead reports, one line per case. */
  report(name: string, audit: Audit, extra = ''): void {
    console.log(
      `      [fault] ${name}: sent ${audit.sent} · recorded ${audit.recorded} · lost ${audit.lost} · duplicated ${audit.duplicated}` +
        ` (stream copies deduplicated by the worker: ${audit.streamCopies}; rolled-back leaked: ${audit.rolledBackLeaked}; rolled back: ${this.rolledBackInvoices.length})${extra}`,
    );
  }
}

export function toObject(flat: unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = String(flat[i + 1]);
  return out;
}
