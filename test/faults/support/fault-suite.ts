import { expect } from 'chai';
import { postgresReachable, testPostgresUrl, testRedisUrl, unreachable } from '../../../lib/testing/environment';
import { redisReachable } from '../../redis/support/redis';
import { Audit, FaultEnv } from './fault-env';

/**
 * A fault case against real PostgreSQL and Redis with child processes: skipped loudly when either
 * server is unreachable (failed under CI=true). `fresh(redisUrl?)` gives the test its own
 * schema and stream; everything it started is killed and dropped afterwards.
 */
export function describeFault(title: string, body: (fresh: (redisUrl?: string, partitions?: number) => Promise<FaultEnv>) => void): void {
  describe(title, function () {
    this.timeout(90_000);
    const envs: FaultEnv[] = [];
    before(async function () {
      if (!(await postgresReachable()) && unreachable('PostgreSQL', testPostgresUrl()) === 'skip') this.skip();
      if (!(await redisReachable()) && unreachable('Redis', testRedisUrl()) === 'skip') this.skip();
    });
    afterEach(async () => {
      await Promise.all(envs.splice(0).map((e) => e.tearDown()));
    });
    body(async (redisUrl = testRedisUrl(), partitions?: number) => {
      const env = new FaultEnv(testPostgresUrl(), redisUrl, partitions);
      envs.push(env);
      await env.setUp();
      return env;
    });
  });
}

/** The invariant of every case: each committed event recorded once, effects once, no rolled-back event anywhere. */
export function expectNothingLost(audit: Audit): void {
  expect(audit.sent, 'events committed').to.be.greaterThan(0);
  expect(audit.lost, 'lost events').to.equal(0);
  expect(audit.recorded, 'recorded events').to.equal(audit.sent);
  expect(audit.duplicated, 'duplicated handler effects').to.equal(0);
  expect(audit.rolledBackLeaked, 'events of rolled-back transactions').to.equal(0);
  expect(audit.unexpected, 'unexpected workflow_runtime_events rows').to.equal(0);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `probe` until truthy; throws after `timeoutMs`. */
export async function until<T>(probe: () => Promise<T>, timeoutMs: number, what: string): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** Worker flags the cases share: short claim and block times keep the suite fast. */
export const WORKER_ARGS = ['worker', '--no-migrate', '--block', '500'];
export const RELAY_ARGS = ['relay', '--no-migrate', '--poll-interval', '200', '--max-backoff', '1000'];
