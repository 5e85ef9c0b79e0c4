import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';

export interface DatabaseConfig {
  /** `postgres://…` selects PostgreSQL; anything else (or nothing) the embedded SQLite. */
  url?: string;
  /** SQLite file; `:memory:` for throwaway databases. Default `./data/wfe.sqlite`. */
  filename?: string;
  /** PostgreSQL schema to work in (tests isolate runs this way). */
  schema?: string;
  poolMax?: number;
}

export const DEFAULT_SQLITE_FILE = path.join('data', 'wfe.sqlite');

export function isPostgresUrl(url?: string): boolean {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

export function createDatabase(config: DatabaseConfig = {}): Knex {
  if (isPostgresUrl(config.url)) {
    return knexFactory({
      client: 'pg',
      connection: config.url,
      searchPath: config.schema ? [config.schema] : undefined,
      pool: {
        min: 0,
        max: config.poolMax ?? 10,
        // Each connection works in the configured schema, created on first use.
        afterCreate: (conn: any, done: (err: Error | null, conn: any) => void) => {
          if (!config.schema) return done(null, conn);
          conn.query(`CREATE SCHEMA IF NOT EXISTS "${config.schema}"; SET search_path TO "${config.schema}"`, (err: Error | null) => done(err, conn));
        },
      },
    });
  }
  const filename = config.filename ?? DEFAULT_SQLITE_FILE;
  if (filename !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
  return knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    // SQLite has one writer: one connection serialises transactions instead of failing with SQLITE_BUSY,
    // and keeps a `:memory:` database alive for the life of the pool.
    pool: {
      min: 1,
      max: 1,
      idleTimeoutMillis: Number.MAX_SAFE_INTEGER,
      afterCreate: (conn: any, done: (err: Error | null, conn: any) => void) => {
        conn.pragma('journal_mode = WAL');
        conn.pragma('busy_timeout = 5000');
        conn.pragma('foreign_keys = ON');
        done(null, conn);
      },
    },
  });
}

export function isPostgres(db: Knex): boolean {
  return db.client.config.client === 'pg';
}

/** jsonb comes back parsed from PostgreSQL and as text from SQLite. */
export function readJson<T = unknown>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

/** Timestamps come back as Date (pg) or as epoch millis / ISO text (SQLite). */
export function readDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as any));
}
