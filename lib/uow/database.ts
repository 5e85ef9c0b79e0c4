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

// knex's own better-sqlite3 client (no typings for the dialect module).
const BetterSqlite3Client: new (config: Knex.Config) => any = require('knex/lib/dialects/better-sqlite3');

/** Column types knex gives `t.timestamp()` / `t.datetime()` in SQLite. */
const SQLITE_TIME_TYPE = /^(datetime|timestamp)\b/i;

/**
 * A SQLite time value as a Date: knex writes a Date as epoch milliseconds; text is ISO 8601, or
 * SQLite's own `CURRENT_TIMESTAMP` form (`YYYY-MM-DD HH:MM:SS`, UTC).
 */
function sqliteTime(value: unknown): unknown {
  if (typeof value === 'number' || typeof value === 'bigint') return new Date(Number(value));
  if (typeof value !== 'string') return value;
  const parsed = new Date(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value) ? `${value.replace(' ', 'T')}Z` : value);
  return Number.isNaN(parsed.getTime()) ? value : parsed;
}

/**
 * knex's better-sqlite3 client, except that timestamp columns read back as Date, as they do from
 * PostgreSQL (pg parses timestamptz): every table, domain tables included, gives one form on both
 * databases. The statement's declared column types say which values are times; a computed column
 * (`max(created_at)`) has none and stays as SQLite returns it (readDate takes either).
 */
class SqliteClient extends BetterSqlite3Client {
  async _query(connection: any, obj: any) {
    if (!obj.sql) throw new Error('The query is empty');
    if (!connection) throw new Error('No connection provided');
    const statement = connection.prepare(obj.sql);
    const safeIntegers = this._optSafeIntegers(obj.options);
    if (safeIntegers !== undefined) statement.safeIntegers(safeIntegers);
    const bindings = this._formatBindings(obj.bindings);
    if (!statement.reader) {
      const response = statement.run(bindings);
      obj.response = response;
      obj.context = { lastID: response.lastInsertRowid, changes: response.changes };
      return obj;
    }
    const rows: Array<Record<string, unknown>> = statement.all(bindings);
    const times = (statement.columns() as Array<{ name: string; type: string | null }>).filter((c) => c.type && SQLITE_TIME_TYPE.test(c.type)).map((c) => c.name);
    if (times.length) for (const row of rows) for (const name of times) if (row[name] !== null && row[name] !== undefined) row[name] = sqliteTime(row[name]);
    obj.response = rows;
    return obj;
  }
}

export function isPostgresUrl(url?: string): boolean {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

/** A database URL that is given but is not PostgreSQL: refused rather than silently replaced by SQLite. */
export class DatabaseUrlError extends Error {
  readonly code = 'DATABASE_URL_INVALID';
  constructor(url: string) {
    // Credentials stay out of messages and logs.
    const shown = url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
    super(`database URL must start with postgres:// or postgresql:// (got ${JSON.stringify(shown.slice(0, 200))}); leave it unset for the embedded SQLite`);
    this.name = 'DatabaseUrlError';
  }
}

/** A PostgreSQL schema name that cannot be used quoted as is (a `"` or NUL, or past 63 bytes, which PostgreSQL truncates). */
export class DatabaseSchemaError extends Error {
  readonly code = 'DATABASE_SCHEMA_INVALID';
  constructor(schema: string) {
    super(`schema name ${JSON.stringify(schema.slice(0, 80))} is not usable: at most 63 bytes, no double quote or NUL (WFE_DB_SCHEMA)`);
    this.name = 'DatabaseSchemaError';
  }
}

/**
 * A knex instance: PostgreSQL for a `postgres://`/`postgresql://` URL (in `schema` when given),
 * else the embedded SQLite (`filename`, default ./data/wfe.sqlite). Throws DatabaseUrlError for
 * a non-empty URL of any other form (a typo must not land the data in a local file).
 */
export function createDatabase(config: DatabaseConfig = {}): Knex {
  if (config.url && !isPostgresUrl(config.url)) throw new DatabaseUrlError(config.url);
  if (config.schema && (/["\u0000]/.test(config.schema) || Buffer.byteLength(config.schema) > 63)) throw new DatabaseSchemaError(config.schema);
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
    client: SqliteClient as unknown as typeof Knex.Client,
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

/**
 * A timestamp as a Date. Timestamp columns already read back as Date on both databases; this also
 * takes what a computed SQLite column gives (epoch millis, ISO text) and passes null through.
 */
export function readDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  return value instanceof Date ? value : new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : (value as any));
}
