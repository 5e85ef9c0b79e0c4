import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import knexFactory from 'knex';
import { postgresReachable, testPostgresUrl, testRedisUrl, unreachable } from '../../lib/testing/environment';
import { redisReachable } from '../redis/support/redis';
import { Processes, WfeProcess } from './support/processes';
import { sparePort } from './support/redis-server';

/** Issue 10.11: processes started together, a port in use, a non-loopback host, a bad dead-letter id. */
describe('fault: start-up and operation', function () {
  this.timeout(90_000);
  const schemas: string[] = [];
  const running: Processes[] = [];
  const admin = knexFactory({ client: 'pg', connection: testPostgresUrl(), pool: { min: 0, max: 2 } });

  before(async function () {
    if (!(await postgresReachable()) && unreachable('PostgreSQL', testPostgresUrl()) === 'skip') this.skip();
    if (!(await redisReachable()) && unreachable('Redis', testRedisUrl()) === 'skip') this.skip();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((p) => p.killAll()));
    for (const s of schemas.splice(0)) await admin.raw(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  });
  after(() => admin.destroy());

  /** Child processes on a schema nobody has created or migrated yet. */
  const freshSchema = () => {
    const schema = `wfe_start_${randomBytes(5).toString('hex')}`;
    schemas.push(schema);
    const procs = new Processes({
      DATABASE_URL: testPostgresUrl(),
      WFE_DB_SCHEMA: schema,
      REDIS_URL: testRedisUrl(),
      WFE_STREAM: `wfe:start:${randomBytes(6).toString('hex')}`,
    });
    running.push(procs);
    return { schema, procs };
  };
  const exitOf = async (p: WfeProcess) => {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${p.name} still running:\n${p.output()}`)), 30_000).unref());
    return Promise.race([p.exited, timeout]);
  };

  it('four `wfe catalog sync` at once on a new PostgreSQL schema: all succeed, each event inserted exactly once', async () => {
    const { schema, procs } = freshSchema();
    const outputs = await Promise.all(Array.from({ length: 4 }, () => procs.run(['catalog', 'sync'])));
    const inserted = outputs.map((o) => Number(/(\d+) inserted/.exec(o)![1]));
    const rows = Number((await admin.withSchema(schema).table('system_event_catalog').count({ n: '*' }))[0].n);
    expect(inserted.reduce((a, b) => a + b, 0), 'inserts reported across the four').to.equal(rows);
    expect(rows).to.be.greaterThan(10);
    const migrations = await admin.withSchema(schema).table('wfe_migrations').select('name');
    expect(new Set(migrations.map((m) => m.name)).size, 'each migration recorded once').to.equal(migrations.length);
  });

  it('relay, worker, serve and catalog sync started together on a new schema all come up', async () => {
    const { procs } = freshSchema();
    const port = await sparePort();
    const [relay, worker] = await Promise.all([
      procs.start('relay', ['relay']),
      procs.start('worker', ['worker']),
      procs.run(['catalog', 'sync']),
      (async () => {
        const serve = procs.spawnOnly('serve', ['serve', '--port', String(port)]);
        const deadline = Date.now() + 30_000;
        while (!/listening: /.test(serve.output())) {
          if (serve.proc.exitCode !== null || Date.now() > deadline) throw new Error(`serve did not start:\n${serve.output()}`);
          await new Promise((r) => setTimeout(r, 50));
        }
        return serve;
      })(),
    ]);
    expect(relay.proc.exitCode).to.equal(null);
    expect(worker.proc.exitCode).to.equal(null);
  });

  describe('wfe serve', () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfe-serve-'))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
    const sqliteProcs = (env: Record<string, string> = {}) => {
      const procs = new Processes({ DATABASE_URL: '', REDIS_URL: testRedisUrl(), WFE_SQLITE_FILE: path.join(dir, 'wfe.sqlite'), ...env });
      running.push(procs);
      return procs;
    };

    it('on a port in use exits non-zero and says so, instead of hanging', async () => {
      const blocker = net.createServer();
      await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
      const port = (blocker.address() as net.AddressInfo).port;
      try {
        const serve = sqliteProcs().spawnOnly('serve', ['serve', '--port', String(port)]);
        const { code } = await exitOf(serve);
        expect(code).to.equal(1);
        expect(serve.output()).to.contain(`port ${port} on 127.0.0.1 is already in use (EADDRINUSE)`);
      } finally {
        blocker.close();
      }
    });

    it('refuses a non-loopback HOST without WFE_API_TOKEN', async () => {
      const serve = sqliteProcs({ HOST: '0.0.0.0' }).spawnOnly('serve', ['serve', '--port', String(await sparePort())]);
      const { code } = await exitOf(serve);
      expect(code).to.equal(1);
      expect(serve.output()).to.match(/HOST=0\.0\.0\.0 is not a loopback address and WFE_API_TOKEN is not set/);
    });
  });

  it('`wfe dlq replay nope-id` says what was wrong', async () => {
    const { procs } = freshSchema();
    const replay = procs.spawnOnly('dlq replay', ['dlq', 'replay', 'nope-id']);
    const { code } = await exitOf(replay);
    expect(code).to.equal(1);
    expect(replay.output()).to.contain('"nope-id" is not a dead-letter id');
    expect(replay.output()).not.to.contain('ERR Invalid stream ID');
    const missing = procs.spawnOnly('dlq replay', ['dlq', 'replay', '1-0']);
    expect((await exitOf(missing)).code).to.equal(1);
    expect(missing.output()).to.match(/no dead letter 1-0 in wfe:start:\w+:dlq/);
  });
});
