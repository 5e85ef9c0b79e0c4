import knexFactory from 'knex';

/** Where integration suites find their servers; defaults are the local ones. */
export function testPostgresUrl(): string {
  return process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}

export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

export async function postgresReachable(url = testPostgresUrl()): Promise<boolean> {
  const db = knexFactory({ client: 'pg', connection: { connectionString: url, connectionTimeoutMillis: 2000 }, pool: { min: 0, max: 1 } });
  try {
    await db.raw('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await db.destroy();
  }
}

/**
 * An unreachable server skips its suites with a loud notice on a developer machine, and fails
 * the run under CI=true, where every server must be there.
 */
export function unreachable(what: string, url: string): 'skip' {
  const message = `${what} at ${url} is unreachable`;
  if (process.env.CI === 'true') throw new Error(`${message}: CI requires it`);
  process.stderr.write(`\n  !!! ${message}: skipping its suites !!!\n\n`);
  return 'skip';
}
