import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { testRedisUrl, unreachable } from '../../../lib/testing/environment';

let reachable: Promise<boolean> | undefined;

export async function redisReachable(url = testRedisUrl()): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

/** A unique stream name, so suites can share the local Redis. */
export function uniqueStream(): string {
  return `wfe:test:${randomBytes(6).toString('hex')}`;
}

/**
 * Declares a suite that needs Redis (TEST_REDIS_URL): skipped loudly when it is unreachable, failed
 * under CI=true. Streams handed out by `stream()`, and their dead-letter streams, are deleted
 * after each test.
 */
export function describeWithRedis(title: string, body: (ctx: { url: string; stream: () => string; admin: () => Redis }) => void): void {
  describe(title, function () {
    const url = testRedisUrl();
    const created: string[] = [];
    let admin: Redis | undefined;
    before(async function () {
      reachable ??= redisReachable(url);
      if (!(await reachable) && unreachable('Redis', url) === 'skip') this.skip();
      admin = new Redis(url);
    });
    afterEach(async () => {
      if (admin && created.length) await admin.del(...created.flatMap((s) => [s, `${s}:dlq`]));
      created.length = 0;
    });
    after(() => admin?.disconnect());
    body({
      url,
      stream: () => {
        const s = uniqueStream();
        created.push(s);
        return s;
      },
      admin: () => admin!,
    });
  });
}

/** Polls `probe` until it returns a truthy value; fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T> | T, timeoutMs = 5000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
