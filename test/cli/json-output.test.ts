import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { v4 as uuidv4 } from 'uuid';
import { testRedisUrl } from '../../lib/testing/environment';
import { redisReachable } from '../redis/support/redis';
import { allCommands, CliCommand } from './commands';
import { tempSqlite, wfeAsync } from './run-cli';

interface Recipe {
  args: string[];
  env?: NodeJS.ProcessEnv;
  needsRedis?: boolean;
}

/**
 * How to run each command that has `--json`. A command that gains `--json` without a recipe here
 * fails the suite, so every one is piped through JSON.parse.
 */
const RECIPES: Record<string, Recipe[]> = {
  'catalog list': [{ args: ['catalog', 'list', '--json'] }, { args: ['catalog', 'list', '--tenant', uuidv4(), '--json'] }],
  'catalog show': [{ args: ['catalog', 'show', 'INVOICE_FINALIZED', '--json'] }, { args: ['catalog', 'show', 'invoice_finalized', '--schema-version', '1', '--json'] }],
  'catalog check': [{ args: ['catalog', 'check', '--json'] }],
  // Debug logging on: the relay and the worker log every event, and none of it may reach stdout.
  simulate: [
    { args: ['simulate', 'INVOICE_FINALIZED', '--seed', '7', '--json'], env: { LOG_LEVEL: 'debug' } },
    { args: ['simulate', '--all', '--json'], env: { LOG_LEVEL: 'debug' } },
  ],
  sweep: [{ args: ['sweep', '--json'] }, { args: ['sweep', 'tickets', '--at', '2030-01-01T00:00:00Z', '--json'] }],
  'dlq list': [{ args: ['dlq', 'list', '--json'], env: { REDIS_URL: testRedisUrl(), WFE_STREAM: `wfe:test:${randomBytes(6).toString('hex')}` }, needsRedis: true }],
};

const key = (c: CliCommand) => c.path.join(' ');

describe('wfe CLI: --json prints exactly one JSON document on stdout; logs go to stderr', function () {
  this.timeout(180_000);
  const withJson = allCommands().filter((c) => c.command.options.some((o) => o.long === '--json'));

  it('every command with --json has a recipe here', () => {
    expect(withJson.map(key).sort()).to.deep.equal(Object.keys(RECIPES).sort());
  });

  for (const c of withJson) {
    for (const recipe of RECIPES[key(c)] ?? []) {
      it(`wfe ${recipe.args.join(' ')}`, async function () {
        if (recipe.needsRedis && !(await redisReachable()) && process.env.CI !== 'true') this.skip();
        const run = await wfeAsync(recipe.args, { WFE_SQLITE_FILE: tempSqlite(), ...recipe.env });
        expect(run.status, run.stderr).to.equal(0);
        let doc: unknown;
        expect(() => (doc = JSON.parse(run.stdout)), `stdout is one JSON document:\n${run.stdout.slice(0, 500)}`).to.not.throw();
        const said = /one JSON (object|array)/.exec(c.command.options.find((o) => o.long === '--json')!.description)![1];
        expect(Array.isArray(doc) ? 'array' : typeof doc, 'what --help says it prints').to.equal(said);
        if (recipe.env?.LOG_LEVEL === 'debug') expect(run.stderr, 'debug logs on stderr').to.match(/"level":20,.*"service":"wfe"/);
      });
    }
  }

  it('other JSON outputs on stdout are one document too: catalog show --schema, catalog export', async () => {
    const runs = await Promise.all(
      [['catalog', 'show', 'TICKET_ASSIGNED', '--schema'], ...['json-schema', 'asyncapi', 'catalog'].map((f) => ['catalog', 'export', '--format', f])].map((args) =>
        wfeAsync(args, { LOG_LEVEL: 'debug' }),
      ),
    );
    for (const run of runs) {
      expect(run.status, run.stderr).to.equal(0);
      expect(() => JSON.parse(run.stdout)).to.not.throw();
    }
    expect(JSON.parse(runs[0].stdout).$id).to.equal('payload.TicketAssigned.v1');
  });

  it('simulate --seed is reproducible, dates included, and an INVOICE_FINALIZED sample says finalized', async () => {
    const seeded = ['simulate', 'TICKET_ASSIGNED', '--seed', '7', '--json'];
    const [a, b, finalized] = await Promise.all([
      wfeAsync(seeded, { WFE_SQLITE_FILE: tempSqlite() }),
      wfeAsync(seeded, { WFE_SQLITE_FILE: tempSqlite() }),
      wfeAsync(['simulate', 'INVOICE_FINALIZED', '--json'], { WFE_SQLITE_FILE: tempSqlite() }),
    ]);
    // Filled in at emission, not part of the sample: the tenant (a new one per run) and the emission time.
    const sample = (stdout: string) => {
      const { tenantId: _t, occurredAt: _o, ...rest } = JSON.parse(stdout).envelope.payload;
      return rest;
    };
    expect(sample(a.stdout)).to.deep.equal(sample(b.stdout));
    expect(sample(a.stdout).assignedAt).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    expect(sample(finalized.stdout)).to.include({ status: 'finalized' });
  });
});
