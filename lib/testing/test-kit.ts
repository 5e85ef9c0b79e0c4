import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Knex } from 'knex';
import { container as rootContainer, DependencyContainer } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { InMemoryBus } from '../bus/memory-bus';
import { EmissionContextInit, withEmissionContext } from '../emission/emission-context';
import { RelayOptions } from '../outbox/relay';
import { DomainModule } from '../modules/domain-module';
import { EventRuntime } from '../runtime/event-runtime';
import { LocalBlobStore } from '../blobs/local-blob-store';
import { SecretKey } from '../security/secret-key';
import { createDatabase, isPostgresUrl } from '../uow/database';
import { WorkerOptions } from '../worker/event-worker';
import { EventRecorder } from './event-recorder';
import { Scenario } from './scenario';

export interface TestKitOptions {
  /** The modules under test (their dependencies join them); the kit catalogues exactly these. */
  modules?: DomainModule[];
  /**
   * `postgres://…` for PostgreSQL (a throwaway schema); omitted → SQLite `:memory:`. The
   * application's DATABASE_URL is deliberately not read: tests name their database (e.g.
   * `process.env.TEST_DATABASE_URL`), so an exported DATABASE_URL never redirects them.
   */
  databaseUrl?: string;
  /** Default emission context for `kit.run` (a fresh tenant and user when omitted). */
  context?: EmissionContextInit;
  relay?: RelayOptions;
  worker?: WorkerOptions;
  /** Start relay and worker (default true); off for tests that drive them by hand. */
  start?: boolean;
}

let current: TestKit | undefined;

/** A container, database, in-memory bus and recorder for one test (or suite). */
export class TestKit {
  readonly events: EventRecorder;
  readonly tenantId: string;
  readonly actorUserId: string;

  constructor(
    readonly runtime: EventRuntime,
    readonly bus: InMemoryBus,
    private readonly context: EmissionContextInit,
    private readonly teardown: () => Promise<void>,
  ) {
    this.events = new EventRecorder(runtime.validator);
    runtime.onCommitted((envs) => this.events.record(envs));
    this.tenantId = context.tenantId!;
    this.actorUserId = context.actorUserId!;
  }

  static get current(): TestKit {
    if (!current) throw new Error('No test kit: call createTestKit() first');
    return current;
  }

  get container(): DependencyContainer {
    return this.runtime.container;
  }

  get db(): Knex {
    return this.runtime.db;
  }

  resolve<T>(token: new (...args: any[]) => T): T {
    return this.runtime.container.resolve(token);
  }

  /** Runs `fn` as the kit's tenant and user (overridable), as a request handler would. */
  run<T>(fn: () => T, ctx: EmissionContextInit = {}): T {
    return withEmissionContext({ ...this.context, ...ctx }, fn);
  }

  scenario(action: () => unknown): Scenario {
    return new Scenario(this, action);
  }

  /** Waits until every committed event was published and the worker settled it. */
  async settle(timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.runtime.relay.drain();
      if ((await this.runtime.outbox.pendingCount()) === 0 && this.bus.isIdle()) return;
      if (Date.now() > deadline) throw new Error(`test kit did not settle within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  async close(): Promise<void> {
    if (current === this) current = undefined;
    await this.runtime.stop();
    await this.bus.close();
    await this.teardown();
  }
}

export async function createTestKit(options: TestKitOptions = {}): Promise<TestKit> {
  const url = options.databaseUrl;
  const schema = isPostgresUrl(url) ? `wfe_test_${randomBytes(5).toString('hex')}` : undefined;
  const db = createDatabase(schema ? { url, schema } : { url, filename: ':memory:' });
  const bus = new InMemoryBus();
  const blobDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfe-blobs-'));
  const runtime = new EventRuntime({
    db,
    bus,
    container: rootContainer.createChildContainer(),
    modules: options.modules,
    relay: { pollIntervalMs: 200, ...options.relay },
    worker: { retryDelayMs: 20, ...options.worker },
    blobStore: new LocalBlobStore(blobDir),
    secretKey: SecretKey.random(),
  });
  const teardown = async () => {
    if (schema) await db.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.destroy();
    fs.rmSync(blobDir, { recursive: true, force: true });
  };
  try {
    // The same all-problems-at-once check as `wfe catalog check`: a misspelled type fails here.
    runtime.catalog();
    await runtime.migrate();
  } catch (err) {
    await teardown();
    throw err;
  }
  const kit = new TestKit(runtime, bus, { tenantId: uuidv4(), actorUserId: uuidv4(), ...options.context }, teardown);
  if (options.start !== false) runtime.start();
  current = kit;
  return kit;
}
