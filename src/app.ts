import 'reflect-metadata';
import { Logger } from 'pino';
import { container } from 'tsyringe';
import { allModules } from '../domains';
import { EventBus } from '../lib/bus/event-bus';
import { syncSystemCatalog, SyncReport } from '../lib/catalog/catalog-store';
import { EventRuntime } from '../lib/runtime/event-runtime';
import { createDatabase } from '../lib/uow/database';
import { createBus } from './bus-factory';
import { AppConfig, loadConfig } from './config';
import { createLogger } from './logger';

export interface App {
  config: AppConfig;
  runtime: EventRuntime;
  bus: EventBus;
  logger: Logger;
  close(): Promise<void>;
}

/** The composition root: database, bus, runtime and every domain module. */
export async function createApp(config: AppConfig = loadConfig(), options: { migrate?: boolean } = {}): Promise<App> {
  const logger = createLogger(config.logLevel);
  const db = createDatabase({ url: config.databaseUrl, filename: config.sqliteFile });
  const bus = createBus(config);
  const runtime = new EventRuntime({
    db,
    bus,
    container: container.createChildContainer(),
    modules: allModules,
    relay: { onError: (err) => logger.warn({ err }, 'outbox relay: publish failed, will retry') },
    worker: { group: config.group },
  });
  runtime.worker.on('dead-lettered', (entry, outcome) => logger.warn({ streamId: entry.id, reason: outcome.reason }, 'event dead-lettered'));
  const close = async () => {
    await runtime.stop();
    await bus.close();
    await db.destroy();
  };
  try {
    if (options.migrate !== false) await runtime.migrate();
  } catch (err) {
    await close();
    throw err;
  }
  return { config, runtime, bus, logger, close };
}

/** Migrates and upserts the system catalog from the decorator metadata. */
export async function syncCatalog(app: App): Promise<SyncReport> {
  return syncSystemCatalog(app.runtime.db, app.runtime.catalog());
}
