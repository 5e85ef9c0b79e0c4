import { randomBytes } from 'node:crypto';
import { App, createApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { allModules } from '../../../domains';
import { ordersModule } from '../../fixtures/orders';
import { DatabaseTarget } from '../../support/databases';

/**
 * The real composition root on a throwaway database (SQLite :memory:, or a fresh PostgreSQL schema),
 * running every MSP module and the engine's order fixture (whose TEST_ORDER_SHIPPED has two versions).
 */
export async function createTestApp(target: DatabaseTarget): Promise<{ app: App; dispose(): Promise<void> }> {
  const dbSchema = target.url ? `wfe_test_${randomBytes(5).toString('hex')}` : undefined;
  const app = await createApp({ ...loadConfig({}), databaseUrl: target.url, sqliteFile: ':memory:', dbSchema, logLevel: 'silent' }, { modules: [...allModules, ordersModule] });
  return {
    app,
    async dispose() {
      await app.runtime.stop();
      if (dbSchema) await app.runtime.db.raw(`DROP SCHEMA IF EXISTS "${dbSchema}" CASCADE`);
      await app.close();
    },
  };
}
