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
    // TCP keep-alive finds peers that vanished; a middlebox that black-holes a flow is found by
    // the command timeouts (see ResponsivenessGuard).
    keepAlive: 10_000,
    // A command that failed (timed out) was already reported to its caller, who retries: resending
    // it on the new connection would apply it twice.
    autoResendUnfulfilledCommands: false,
    retryStrategy: (times) => Math.min(50 * times, 1000),
    ...overrides,
  });
  // Every failed reconnect emits 'error'; callers learn of outages from their commands instead.
  redis.on('error', () => undefined);
  return redis;
}

/** How long past its BLOCK time a blocking read may go unanswered before its connection is presumed dead. */
export const BLOCKING_GRACE_MS = 1000;

/**
 * The connection for blocking reads: no command timeout, a client-side guard past BLOCK instead
 * (ioredis then resolves the read with null, as if nothing arrived: see RedisStreamSubscription).
 */
export function blockingConnection(redis: Redis): Redis {
  const reader = redis.duplicate({ commandTimeout: undefined, blockingTimeout: 60_000, blockingTimeoutGrace: BLOCKING_GRACE_MS });
  reader.on('error', () => undefined);
  return reader;
}

export function isCommandTimeout(err: unknown): boolean {
  return err instanceof Error && /Command timed out/.test(err.message);
}

/**
 * Replaces a connection that stopped answering. When a NAT or load balancer silently drops a flow
 * (no FIN, no RST) the socket stays "ready" and every command times out, while a new connection
 * would work: after `limit` consecutive timeouts the socket is destroyed and ioredis reconnects.
 * One guard per connection (`guardOf`), shared by everything that uses it.
 */
export class ResponsivenessGuard {
  private timeouts = 0;
  /** Connections replaced so far (for tests and metrics). */
  replaced = 0;
  onReplaced?: (reason: string) => void;

  constructor(
    private readonly redis: Redis,
    private readonly limit = 2,
  ) {}

  /** Runs a command, counting its timeout (or resetting the count on any reply). */
  async run<T>(command: () => Promise<T>): Promise<T> {
    try {
      const result = await command();
      this.answered();
      return result;
    } catch (err) {
      if (isCommandTimeout(err)) this.timedOut('consecutive command timeouts');
      throw err;
    }
  }

  /** A command was answered: the connection is alive. */
  answered(): void {
    this.timeouts = 0;
  }

  /** Counts one unanswered command; replaces the connection at the limit. */
  timedOut(reason: string): void {
    if (++this.timeouts < this.limit) return;
    this.replace(reason);
  }

  /** Drops the socket at once (ioredis reconnects with its retry strategy). */
  replace(reason: string): void {
    this.timeouts = 0;
    this.replaced++;
    this.onReplaced?.(reason);
    if (this.redis.status !== 'end') this.redis.disconnect(true);
  }
}

const guards = new WeakMap<Redis, ResponsivenessGuard>();

export function guardOf(redis: Redis): ResponsivenessGuard {
  let guard = guards.get(redis);
  if (!guard) guards.set(redis, (guard = new ResponsivenessGuard(redis)));
  return guard;
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
