import Redis, { RedisOptions } from 'ioredis';

/**
 * A client that fails fast while Redis is unreachable (no offline queue: the relay sees the error,
 * backs off and keeps its rows in the outbox) and reconnects by itself. Connects on first use.
 */
export function connectRedis(url: string, overrides: RedisOptions = {}): Redis {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    commandTimeout: 5000,
    retryStrategy: (times) => Math.min(50 * times, 1000),
    ...overrides,
  });
  // Every failed reconnect emits 'error'; callers learn of outages from their commands instead.
  redis.on('error', () => undefined);
  return redis;
}

/** The connection for blocking reads: no command timeout, a client-side guard past BLOCK instead. */
export function blockingConnection(redis: Redis): Redis {
  const reader = redis.duplicate({ commandTimeout: undefined, blockingTimeout: 60_000, blockingTimeoutGrace: 2000 });
  reader.on('error', () => undefined);
  return reader;
}

/**
 * Resolves once the connection is ready, connecting it if it never was. Without an offline queue a
 * command sent while (re)connecting fails, so callers wait here — at most `timeoutMs`.
 */
export function whenReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  if (redis.status === 'end') return Promise.reject(new Error('Redis connection closed'));
  if (redis.status === 'wait') redis.connect().catch(() => undefined);
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('end', onEnd);
      if (err) reject(err);
      else resolve();
    };
    const onReady = () => done();
    const onEnd = () => done(new Error('Redis connection closed'));
    const timer = setTimeout(() => done(new Error(`Redis not reachable within ${timeoutMs} ms (${redis.status})`)), timeoutMs);
    redis.once('ready', onReady);
    redis.once('end', onEnd);
  });
}

/** Closes politely when connected, at once otherwise. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit().catch(() => redis.disconnect());
  else redis.disconnect();
}
