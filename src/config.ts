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
  /** PostgreSQL schema to work in (WFE_DB_SCHEMA), e.g. one per test run; unset → the default search path. */
  dbSchema?: string;
  /**
   * Bearer token that writing HTTP routes require (WFE_API_TOKEN). Unset: the server listens on
   * loopback only and writing routes are open to local callers; a non-loopback HOST is refused.
   */
  apiToken?: string;
  /** How often a Redis worker trims acknowledged stream entries (WFE_TRIM_INTERVAL_MS; 0 = never). */
  trimIntervalMs?: number;
  /** How often `wfe serve` runs the modules' sweepers (WFE_SWEEP_INTERVAL_MS, default 60000; 0 = never). */
  sweepIntervalMs: number;
  /**
   * WFE_PARTITIONS: per-entity order with several relays and workers (docs/scaling.md): events are
   * spread over this many partition streams by ordering key, each consumed by one worker at a time.
   * Unset: one stream shared by every worker. Every process of a deployment must use the same value.
   */
  partitions?: number;
  /** WFE_PARTITION_LEASE_MS: how long a worker's partition lease lasts without renewal (default 10000). */
  partitionLeaseMs?: number;
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
    dbSchema: env.WFE_DB_SCHEMA || undefined,
    trimIntervalMs: Number(env.WFE_TRIM_INTERVAL_MS || 60_000),
    apiToken: env.WFE_API_TOKEN || undefined,
    sweepIntervalMs: Number(env.WFE_SWEEP_INTERVAL_MS ?? 60_000),
    partitions: positiveInt(env.WFE_PARTITIONS, 'WFE_PARTITIONS'),
    partitionLeaseMs: positiveInt(env.WFE_PARTITION_LEASE_MS, 'WFE_PARTITION_LEASE_MS'),
  };
}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1024) throw new Error(`${name} must be an integer from 1 to 1024, got "${value}"`);
  return n;
}

/** Where the data lives, with credentials masked, for summaries and logs. */
export function describeDatabase(config: AppConfig): string {
  return config.databaseUrl ? `PostgreSQL ${config.databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}` : `SQLite ${config.sqliteFile}`;
}
