import 'reflect-metadata';
import { Logger } from 'pino';
import { container } from 'tsyringe';
import { EventBus } from '../lib/bus/event-bus';
import { DomainModule } from '../lib/modules/domain-module';
import { syncSystemCatalog, SyncReport } from '../lib/catalog/catalog-store';
import { RelayOptions } from '../lib/outbox/relay';
import { EventRuntime } from '../lib/runtime/event-runtime';
import { createDatabase } from '../lib/uow/database';
import { WorkerOptions } from '../lib/worker/event-worker';
import { loadAppModules } from './app-modules';
import { createBus } from './bus-factory';
import { partitionStream } from '../lib/bus/partition-lease';
import { AppConfig, loadConfig } from './config';
import { createLogger } from './logger';
import { AppMetrics } from './metrics';

export interface App {
  config: AppConfig;
  runtime: EventRuntime;
  bus: EventBus;
  logger: Logger;
  metrics: AppMetrics;
  close(): Promise<void>;
}

export interface AppOptions {
  /** The business modules to run; default: those of the config file (`wfe.config.js`), else every MSP module. */
  modules?: DomainModule[];
  /** Apply migrations on start (default true). */
  migrate?: boolean;
  relay?: RelayOptions;
  worker?: WorkerOptions;
}

/** The composition root: database, bus, runtime and the application's modules. */
export async function createApp(config: AppConfig = loadConfig(), options: AppOptions = {}): Promise<App> {
  const logger = createLogger(config.logLevel);
  const db = createDatabase({ url: config.databaseUrl, filename: config.sqliteFile, schema: config.dbSchema });
  const bus = createBus(config);
  // Partitions need Redis (one stream each); the in-memory bus lives in one process anyway.
  const partitionBuses = config.partitions && config.redisUrl ? Array.from({ length: config.partitions }, (_, p) => createBus(config, partitionStream(config.stream, p, config.partitions!))) : [];
  const metrics = new AppMetrics();
  const runtime = new EventRuntime({
    db,
    bus,
    container: container.createChildContainer(),
    modules: options.modules ?? loadAppModules(),
    relay: {
      onError: (err) => logger.warn({ err }, 'outbox relay: publish failed, will retry'),
      ...options.relay,
      onPublished: (envelopes) => {
        metrics.onPublished(envelopes);
        logger.debug({ count: envelopes.length, eventIds: envelopes.map((e) => e.id) }, 'outbox relay: published');
        options.relay?.onPublished?.(envelopes);
      },
      onDataLoss: (info) => {
        metrics.onDataLoss(info.requeued);
        logger.error(info, 'outbox relay: the stream lost published entries (Redis lost data); publishing them again');
        options.relay?.onDataLoss?.(info);
      },
    },
    worker: { group: config.group, ...options.worker },
    partitions: partitionBuses.length
      ? { count: partitionBuses.length, busFor: (p) => partitionBuses[p], leaseMs: config.partitionLeaseMs, membersKey: `${config.stream}:members:${config.group}` }
      : undefined,
  });
  runtime.worker.on('dead-lettered', (entry, outcome) => logger.warn({ streamId: entry.id, reason: outcome.reason }, 'event dead-lettered'));
  runtime.worker.on('outage', (err) => logger.error({ err: err.message }, 'worker: infrastructure unavailable; entries stay pending (not counted toward max deliveries)'));
  runtime.worker.on('recovered', (info) => logger.error(info, 'worker: infrastructure available again; deferred entries resume'));
  runtime.worker.on('ingested', (envelope) => logger.debug({ eventId: envelope.id, eventType: envelope.eventType }, 'event ingested'));
  metrics.attach(runtime);
  const close = async () => {
    await runtime.stop();
    await Promise.all(partitionBuses.map((b) => b.close()));
    await bus.close();
    await db.destroy();
  };
  try {
    if (options.migrate !== false) await runtime.migrate();
  } catch (err) {
    await close();
    throw err;
  }
  return { config, runtime, bus, logger, metrics, close };
}

/** Migrates and upserts the system catalog from the decorator metadata. */
export async function syncCatalog(app: App): Promise<SyncReport> {
  return syncSystemCatalog(app.runtime.db, app.runtime.catalog());
}
