import path from 'node:path';
import { Knex } from 'knex';
import { DependencyContainer, InjectionToken, Lifecycle } from 'tsyringe';
import { EmitterDefinition, HandlerDefinition } from '../../decorators';
import { EventEnvelope } from '../bus/envelope';
import { EventBus } from '../bus/event-bus';
import { assembleCatalog } from '../catalog/assemble';
import { CatalogEntry } from '../catalog/catalog-entry';
import { EmissionContextInit, withEmissionContext } from '../emission/emission-context';
import { EmissionPipeline } from '../emission/emission-pipeline';
import { bindAncestorSingletons, interceptContainer, MethodInvoker } from '../interception/intercept-container';
import { Constructor, DomainModule } from '../modules/domain-module';
import { resolveModules } from '../modules/resolve-modules';
import { listenForOutboxCommits, OutboxCommitListener } from '../outbox/commit-notifications';
import { OutboxStore } from '../outbox/outbox-store';
import { OutboxRelay, RelayOptions } from '../outbox/relay';
import { PartitionedRelay, Relay } from '../outbox/partitioned-relay';
import { LeaseShare } from '../bus/partition-lease';
import { BlobStore } from '../blobs/blob-store';
import { LocalBlobStore } from '../blobs/local-blob-store';
import { CompiledValidator } from '../schema/compiled-validator';
import { SecretBox } from '../security/secret-box';
import { SecretKey } from '../security/secret-key';
import { SignedTokens } from '../security/signed-tokens';
import { SchemaRegistry } from '../schema/registry';
import { Validator } from '../schema/validator';
import { migrate } from '../uow/migrator';
import { UnitOfWork } from '../uow/unit-of-work';
import { EventWorker, WorkerOptions } from '../worker/event-worker';
import { HandlerRunner } from '../worker/handler-runner';
import { coreMigrations } from './core-migrations';

export interface RuntimeOptions {
  db: Knex;
  bus: EventBus;
  /** A container of this runtime's own (e.g. `container.createChildContainer()`): services are bound and intercepted in it. */
  container: DependencyContainer;
  /**
   * The business modules this runtime runs (their dependencies join them). The runtime catalogues,
   * emits, handles and migrates exactly these; importing other modules changes nothing.
   */
  modules?: DomainModule[];
  validator?: Validator;
  /** Context used when no `withEmissionContext` is active (e.g. a fixed tenant for a CLI). */
  defaults?: EmissionContextInit;
  relay?: RelayOptions;
  worker?: WorkerOptions;
  /** Where files, raw messages and webhook bodies go; default `./data/blobs` (WFE_BLOB_DIR). */
  blobStore?: BlobStore;
  /** Master secret for sealing credentials and signing links; default WFE_SECRET_KEY, else `./data/secret.key`. */
  secretKey?: SecretKey;
  /**
   * Per-entity order with several relays and workers (docs/scaling.md): rows are spread over
   * `count` partitions by ordering key; each partition has its own stream (`busFor`), drained by
   * one relay and consumed by one worker at a time. Unset: one stream, shared by every worker
   * (publish order is commit order; handling order across workers is not guaranteed).
   */
  partitions?: PartitionOptions;
}

export interface PartitionOptions {
  count: number;
  /** The bus of one partition (e.g. a RedisStreamsBus on `partitionStream(base, p, count)`). */
  busFor: (partition: number) => EventBus;
  /** Worker lease per partition; default 10 s. A worker stalled longer than this loses its partitions. */
  leaseMs?: number;
  /** Redis sorted set where worker processes announce themselves to share partitions fairly (unset: first come, first served). */
  membersKey?: string;
}

export type CommitListener = (envelopes: EventEnvelope[]) => void;

/** The schema registry of exactly these modules (and their dependencies). */
export function registryFor(modules: DomainModule[]): SchemaRegistry {
  return new SchemaRegistry(resolveModules(modules).flatMap((m) => m.events()));
}

/** The catalog of exactly these modules, checked; throws CatalogConsistencyError listing every problem. */
export function catalogFor(modules: DomainModule[]): CatalogEntry[] {
  const resolved = resolveModules(modules);
  return assembleCatalog(registryFor(resolved), resolved.flatMap((m) => m.emitters()), resolved.flatMap((m) => m.handlerDefinitions()));
}

/**
 * The engine wired together for a set of modules: registry + validator, unit of work, emission
 * pipeline, outbox, relay and worker, and the interception of the container's services.
 */
export class EventRuntime implements MethodInvoker {
  readonly db: Knex;
  readonly bus: EventBus;
  readonly container: DependencyContainer;
  readonly registry: SchemaRegistry;
  readonly validator: Validator;
  readonly uow: UnitOfWork;
  readonly pipeline: EmissionPipeline;
  readonly outbox: OutboxStore;
  /** The relay: one OutboxRelay, or a PartitionedRelay when partitioned. */
  readonly relay: Relay;
  readonly worker: EventWorker;
  /** The modules given and their dependencies, dependencies first. */
  readonly modules: DomainModule[];
  readonly emitters: EmitterDefinition[];
  readonly handlers: HandlerDefinition[];
  readonly blobStore: BlobStore;
  readonly secretKey: SecretKey;
  private readonly commitListeners = new Set<CommitListener>();
  private readonly relayOptions: RelayOptions;
  private commitListener?: OutboxCommitListener;
  private catalogEntries?: CatalogEntry[];
  private relayRunning = false;

  constructor(options: RuntimeOptions) {
    this.db = options.db;
    this.bus = options.bus;
    this.modules = resolveModules(options.modules ?? []);
    this.container = options.container;
    this.registry = new SchemaRegistry(this.modules.flatMap((m) => m.events()));
    this.validator = options.validator ?? new CompiledValidator(this.registry);
    this.uow = new UnitOfWork(this.db);
    this.pipeline = new EmissionPipeline(this.registry, this.validator, options.defaults);
    const partitions = options.partitions;
    this.outbox = new OutboxStore(this.db, { partitions: partitions?.count ?? 1 });
    this.relayOptions = options.relay ?? {};
    this.emitters = this.modules.flatMap((m) => m.emitters());
    this.handlers = this.modules.flatMap((m) => m.handlerDefinitions());
    const handlers = new HandlerRunner(this.uow, this.container, this.handlers, this.registry);
    if (partitions) {
      const buses = Array.from({ length: this.outbox.partitions }, (_, p) => partitions.busFor(p));
      this.relay = new PartitionedRelay(this.outbox, (p) => buses[p], this.relayOptions);
      const leaseMs = partitions.leaseMs ?? 10_000;
      const share = partitions.membersKey ? new LeaseShare(partitions.membersKey, `${process.pid}-${this.relay.id}`, buses.length, Math.max(3 * leaseMs, 5000)) : undefined;
      this.worker = new EventWorker(this.uow, buses, this.registry, this.validator, handlers, { ...options.worker, exclusive: { leaseMs, share } });
    } else {
      this.relay = new OutboxRelay(this.outbox, this.bus, this.relayOptions);
      this.worker = new EventWorker(this.uow, this.bus, this.registry, this.validator, handlers, options.worker);
    }

    this.blobStore = options.blobStore ?? new LocalBlobStore(process.env.WFE_BLOB_DIR || path.join('data', 'blobs'));
    this.secretKey = options.secretKey ?? SecretKey.fromEnvOrFile(process.env, path.join('data', 'secret.key'));

    this.container.registerInstance(EventRuntime, this);
    this.container.registerInstance(UnitOfWork, this.uow);
    // Abstract / private-constructor classes are still valid tokens: decorator metadata names them.
    this.container.registerInstance(BlobStore as unknown as InjectionToken<BlobStore>, this.blobStore);
    this.container.registerInstance(SecretKey as unknown as InjectionToken<SecretKey>, this.secretKey);
    this.container.registerInstance(SecretBox, new SecretBox(this.secretKey));
    this.container.registerInstance(SignedTokens, new SignedTokens(this.secretKey));
    for (const m of this.modules) for (const cls of [...m.services, ...m.handlers, ...m.sweepers]) this.bind(cls);
    for (const m of this.modules) {
      for (const p of m.provides) this.container.register(p.token as InjectionToken<unknown>, { useClass: p.useClass }, { lifecycle: Lifecycle.Transient });
    }
    interceptContainer(this.container, this);
  }

  /** Applies the core migrations, then each module's in dependency order. */
  migrate(): Promise<string[]> {
    return migrate(this.db, [...coreMigrations, ...this.modules.flatMap((m) => m.migrations)]);
  }

  /** The catalog from metadata; throws CatalogConsistencyError listing every problem. */
  catalog(): CatalogEntry[] {
    // Registry and emitters are fixed once the runtime exists: assemble (and check) once.
    this.catalogEntries ??= assembleCatalog(this.registry, this.emitters, this.handlers);
    return this.catalogEntries;
  }

  resolve<T>(token: new (...args: any[]) => T): T {
    return this.container.resolve(token);
  }

  onCommitted(listener: CommitListener): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /**
   * The emission path of a decorated method (DESIGN.md "Emission path"). The action has one time:
   * the clock is read once and held for the whole call, so the rows it writes (`actionTime()`) and
   * its events' `occurredAt` agree to the millisecond.
   */
  invoke(instance: object, emitters: EmitterDefinition[], original: (...args: any[]) => unknown, args: unknown[]): Promise<unknown> {
    const at = this.pipeline.context().now();
    return withEmissionContext({ clock: () => at }, () =>
      this.uow.run(async (trx) => {
        const result = await original.apply(instance, args);
        const envelopes = emitters.flatMap((e) => this.pipeline.fromEmitter(e, result, args));
        await this.stage(trx, envelopes);
        return result;
      }),
    );
  }

  /** Emits events without a decorated method (simulator, scripts), through the same outbox. */
  emit(eventType: string, payload: Record<string, unknown>, version?: number): Promise<EventEnvelope> {
    return this.uow.run(async (trx) => {
      const envelope = this.pipeline.build(eventType, payload, version);
      await this.stage(trx, [envelope]);
      return envelope;
    });
  }

  /** Checks the catalog (every problem at once), then starts the relay and the worker. */
  start(): void {
    this.catalog();
    this.startRelay();
    this.worker.start();
  }

  /** The relay alone, woken by local commits and, on PostgreSQL, by other processes' commits. */
  startRelay(): void {
    this.relayRunning = true;
    this.relay.start();
    this.commitListener ??= listenForOutboxCommits(
      this.db,
      (partitions) => (partitions && this.relay instanceof PartitionedRelay ? this.relay.wakePartitions(partitions) : this.relay.wake()),
      this.relayOptions.onError,
    );
  }

  /**
   * Worker first: with the in-memory bus an unsettled entry then fails its publish, so its outbox
   * row stays unpublished for the next start; with Redis the relay still flushes what it holds.
   */
  async stop(): Promise<void> {
    await this.commitListener?.stop();
    this.commitListener = undefined;
    await this.worker.stop();
    this.relayRunning = false;
    await this.relay.stop();
  }

  /**
   * Module classes are bound in this runtime's container, honouring tsyringe lifecycles: a
   * transient class stays transient, a singleton becomes one instance per runtime (never shared).
   */
  private bind(cls: Constructor): void {
    if (this.container.isRegistered(cls)) return;
    bindAncestorSingletons(this.container, cls);
    if (!this.container.isRegistered(cls)) this.container.register(cls, { useClass: cls }, { lifecycle: Lifecycle.Transient });
  }

  private async stage(trx: Knex.Transaction, envelopes: EventEnvelope[]): Promise<void> {
    if (!envelopes.length) return;
    // This runtime's own relay, when running, is woken after commit below: no need to notify others.
    await this.outbox.stage(trx, envelopes, { notify: !this.relayRunning });
    this.uow.afterCommit(() => {
      if (this.relay instanceof PartitionedRelay) this.relay.wakePartitions(envelopes.map((e) => this.outbox.partitionFor(e)));
      else this.relay.wake();
      for (const listener of this.commitListeners) {
        try {
          listener(envelopes);
        } catch (err) {
          process.emitWarning(`commit listener failed: ${(err as Error).message}`);
        }
      }
    });
  }
}
