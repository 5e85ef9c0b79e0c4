/**
 * Failures of the infrastructure (database or Redis unreachable, a connection cut, the pool
 * exhausted, a table missing) as opposed to failures of a handler or a payload. The worker keeps
 * entries that met one pending and never counts them toward `maxDeliveries`: an outage is not poison.
 *
 * Decided by error kind, never by the operation that failed: socket error codes, PostgreSQL SQLSTATE
 * classes 08 (connection exception), 53 (insufficient resources), 57P0x (server shut down / starting)
 * and 3D000/3F000/42P01 (database, schema or table missing), knex pool acquire timeouts, SQLite
 * codes for files it cannot open or write, and the client libraries' "connection closed" errors.
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'ENETDOWN']);
const PG_CODES = /^(08...|53...|57P0[1-4]|3D000|3F000|42P01)$/;
const SQLITE_CODES = /^SQLITE_(CANTOPEN|BUSY|LOCKED|IOERR|FULL|READONLY|NOTADB|PROTOCOL)/;
const MESSAGES = [
  /no such table: /, // SQLite's 42P01 (code SQLITE_ERROR, shared with syntax errors)
  /Connection terminated/i, // pg: the server or a proxy closed the socket
  /not queryable/, // pg: a client that already had a connection error
  /Unable to acquire a connection/, // knex: pool destroyed or not yet created
  /Timeout acquiring a connection/, // knex: pool exhausted or server unreachable
  /^Connection is closed\.?$/, // ioredis
  /Stream isn't writeable/, // ioredis without offline queue while reconnecting
  /^Redis not reachable within/, // this project's whenReady()
  /^Command timed out$/, // ioredis commandTimeout: a silent connection
];

export function isInfrastructureError(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (SOCKET_CODES.has(code) || PG_CODES.test(code) || SQLITE_CODES.test(code)) return true;
  if (e.name === 'KnexTimeoutError' || e.name === 'MaxRetriesPerRequestError') return true;
  const message = typeof e.message === 'string' ? e.message : '';
  if (MESSAGES.some((m) => m.test(message))) return true;
  if (Array.isArray(e.errors) && e.errors.some((inner) => isInfrastructureError(inner, depth + 1))) return true;
  return isInfrastructureError(e.cause, depth + 1);
}
