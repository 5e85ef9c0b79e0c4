import { DependencyContainer } from 'tsyringe';
import { allEmitters, allHandlers, EmitterDefinition, HandlerDefinition } from '../../decorators';
import { EventEnvelope } from '../bus/envelope';
import { EventBus } from '../bus/event-bus';
import { assembleCatalog } from '../catalog/assemble';
import { CatalogEntry } from '../catalog/catalog-entry';
import { EmissionContextInit } from '../emission/emission-context';
import { EmissionPipeline } from '../emission/emission-pipeline';
import { interceptContainer, MethodInvoker } from '../interception/intercept-container';
import { listenForOutboxCommits, OutboxCommitListener } from '../outbox/commit-notifications';
import { OutboxStore } from '../outbox/outbox-store';
import { OutboxRelay, RelayOptions } from '../outbox/relay';
import { CompiledValidator } from '../schema/compiled-validator';
import { SchemaRegistry } from '../schema/registry';
import { Validator } from '../schema/validator';
import { migrate } from '../uow/migrator';
import { UnitOfWork } from '../uow/unit-of-work';
import { EventWorker, WorkerOptions } from '../worker/event-worker';
import { HandlerRunner } from '../worker/handler-runner';
import { coreMigrations } from './core-migrations';
import { DomainModule } from './domain-module';
import { Knex } from 'knex';

export interface RuntimeOptions {
  db: Knex;
  bus: EventBus;
  container: DependencyContainer;
  modules?: DomainModule[];
  registry?: SchemaRegistry;
  validator?: Validator;
  /** Context used when no `withEmissionContext` is active (e.g. a fixed tenant for a CLI). */
  defaults?: EmissionContextInit;
  relay?: RelayOptions;
  worker?: WorkerOptions;
  /** Emitters/handlers to use instead of every decorated class loaded in the process. */
  emitters?: EmitterDefinition[];
  handlers?: HandlerDefinition[];
}

export type CommitListener = (envelopes: EventEnvelope[]) => void;

/**
 * The engine wired together: registry + validator, unit of work, emission pipeline, outbox,
 * relay and worker, and the interception of the container's services.
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
  readonly relay: OutboxRelay;
  readonly worker: EventWorker;
  readonly modules: DomainModule[];
  private readonly commitListeners = new Set<CommitListener>();
  private readonly emitters: EmitterDefinition[];
  private readonly relayOptions: RelayOptions;
  private commitListener?: OutboxCommitListener;
  private catalogEntries?: CatalogEntry[];

  constructor(options: RuntimeOptions) {
    this.db = options.db;
    this.bus = options.bus;
    this.modules = options.modules ?? [];
    this.container = options.container;
    this.registry = options.registry ?? new SchemaRegistry();
    this.validator = options.validator ?? new CompiledValidator(this.registry);
    this.uow = new UnitOfWork(this.db);
    this.pipeline = new EmissionPipeline(this.registry, this.validator, options.defaults);
    this.outbox = new OutboxStore(this.db);
    this.relayOptions = options.relay ?? {};
    this.relay = new OutboxRelay(this.outbox, this.bus, this.relayOptions);
    this.emitters = options.emitters ?? allEmitters();
    const handlers = new HandlerRunner(this.uow, this.container, options.handlers ?? allHandlers());
    this.worker = new EventWorker(this.uow, this.bus, this.registry, this.validator, handlers, options.worker);

    this.container.registerInstance(EventRuntime, this);
    this.container.registerInstance(UnitOfWork, this.uow);
    for (const service of this.modules.flatMap((m) => m.services)) {
      if (!this.container.isRegistered(service)) this.container.register(service, { useClass: service });
    }
    interceptContainer(this.container, this);
  }

  /** Applies the core and module migrations. */
  migrate(): Promise<string[]> {
    return migrate(this.db, [...coreMigrations, ...this.modules.flatMap((m) => m.migrations)]);
  }

  /** The catalog from metadata; throws CatalogConsistencyError listing every problem. */
  catalog(): CatalogEntry[] {
    // Registry and emitters are fixed once the runtime exists: assemble (and check) once.
    this.catalogEntries ??= assembleCatalog(this.registry, this.emitters);
    return this.catalogEntries;
  }

  resolve<T>(token: new (...args: any[]) => T): T {
    return this.container.resolve(token);
  }

  onCommitted(listener: CommitListener): () => void {
    this.commitListeners.add(listener);
    return () => this.commitListeners.delete(listener);
  }

  /** The emission path of a decorated method (DESIGN.md "Emission path"). */
  invoke(instance: object, emitters: EmitterDefinition[], original: (...args: any[]) => unknown, args: unknown[]): Promise<unknown> {
    return this.uow.run(async (trx) => {
      const result = await original.apply(instance, args);
      const envelopes = emitters.flatMap((e) => this.pipeline.fromEmitter(e, result, args));
      await this.stage(trx, envelopes);
      return result;
    });
  }

  /** Emits events without a decorated method (simulator, scripts), through the same outbox. */
  emit(eventType: string, payload: Record<string, unknown>, version?: number): Promise<EventEnvelope> {
    return this.uow.run(async (trx) => {
      const envelope = this.pipeline.build(eventType, payload, version);
      await this.stage(trx, [envelope]);
      return envelope;
    });
  }

  /** Starts the relay and the worker. */
  start(): void {
    this.startRelay();
    this.worker.start();
  }

  /** The relay alone, woken by local commits and, on PostgreSQL, by other processes' commits. */
  startRelay(): void {
    this.relay.start();
    this.commitListener ??= listenForOutboxCommits(this.db, () => this.relay.wake(), this.relayOptions.onError);
  }

  /**
   * Worker first: with the in-memory bus an unsettled entry then fails its publish, so its outbox
   * row stays unpublished for the next start; with Redis the relay still flushes what it holds.
   */
  async stop(): Promise<void> {
    await this.commitListener?.stop();
    this.commitListener = undefined;
    await this.worker.stop();
    await this.relay.stop();
  }

  private async stage(trx: Knex.Transaction, envelopes: EventEnvelope[]): Promise<void> {
    if (!envelopes.length) return;
    await this.outbox.stage(trx, envelopes);
    this.uow.afterCommit(() => {
      this.relay.wake();
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
