import { expect } from 'chai';
import fs from 'node:fs';
import { createDatabase } from '../../lib/uow/database';
import { tempSqlite, wfe } from './run-cli';

/**
 * `wfe simulate` refuses a malformed number before it publishes anything: exit 1, the option named
 * on stderr, no outbox row. (Before: `--schema-version abc` said "TICKET_ASSIGNED vNaN", `--seed abc`
 * silently gave a different sample each run, `--timeout -5` published the event and then failed.)
 */
describe('wfe simulate: numeric options are checked before anything is published', function () {
  this.timeout(120_000);
  const cases: Array<[string[], RegExp]> = [
    [['--schema-version', 'abc'], /--schema-version must be a positive integer, got "abc"/],
    [['--schema-version', '0'], /--schema-version must be a positive integer, got "0"/],
    [['--seed', 'abc'], /--seed must be a non-negative integer, got "abc"/],
    [['--timeout', '-5'], /--timeout must be a non-negative integer \(milliseconds\), got "-5"/],
  ];
  for (const [opts, message] of cases) {
    it(opts.join(' '), async () => {
      const file = tempSqlite();
      const r = wfe(['simulate', 'TICKET_ASSIGNED', ...opts], { WFE_SQLITE_FILE: file });
      expect(r.status, r.stderr).to.equal(1);
      expect(r.stderr).to.match(message);
      expect(r.stdout).to.equal('');
      if (!fs.existsSync(file)) return;
      const db = createDatabase({ filename: file });
      try {
        const outbox = (await db.schema.hasTable('event_outbox')) ? Number((await db('event_outbox').count({ n: '*' }))[0].n) : 0;
        expect(outbox, 'outbox rows').to.equal(0);
      } finally {
        await db.destroy();
      }
    });
  }
});
