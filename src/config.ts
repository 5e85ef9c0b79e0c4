import { DEFAULT_SQLITE_FILE } from '../lib/uow/database';

export interface AppConfig {
  /** postgres://… ; unset → the embedded SQLite file. */
  databaseUrl?: string;
  sqliteFile: string;
  /** redis://… ; unset → the in-memory bus. */
  redisUrl?: string;
  host: string;
  port: number;
  logLevel: string;
  stream: string;
  group: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    sqliteFile: env.WFE_SQLITE_FILE || DEFAULT_SQLITE_FILE,
    redisUrl: env.REDIS_URL || undefined,
    host: env.HOST || '127.0.0.1',
    port: Number(env.PORT || 8080),
    logLevel: env.LOG_LEVEL || 'info',
    stream: env.WFE_STREAM || 'workflow:events:global',
    group: env.WFE_GROUP || 'workflow-runtime-v2',
  };
}

/** Where the data lives, with credentials masked, for summaries and logs. */
export function describeDatabase(config: AppConfig): string {
  return config.databaseUrl ? `PostgreSQL ${config.databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}` : `SQLite ${config.sqliteFile}`;
}
