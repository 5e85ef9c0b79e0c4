import { randomBytes } from 'node:crypto';
import { App, createApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { DatabaseTarget } from '../../support/databases';

/** The real composition root on a throwaway database (SQLite :memory:, or a fresh PostgreSQL schema). */
export async function createTestApp(target: DatabaseTarget): Promise<{ app: App; dispose(): Promise<void> }> {
  const dbSchema = target.url ? `wfe_test_${randomBytes(5).toString('hex')}` : undefined;
  const app = await createApp({ ...loadConfig({}), databaseUrl: target.url, sqliteFile: ':memory:', dbSchema, logLevel: 'silent' });
  return {
    app,
    async dispose() {
      await app.runtime.stop();
      if (dbSchema) await app.runtime.db.raw(`DROP SCHEMA IF EXISTS "${dbSchema}" CASCADE`);
      await app.close();
    },
  };
}
