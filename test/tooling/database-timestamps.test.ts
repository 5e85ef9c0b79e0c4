import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { Knex } from 'knex';
import { v4 as uuidv4 } from 'uuid';
import { billingModule, InvoiceService } from '../../domains/billing';
import { readSystemCatalog } from '../../lib/catalog/catalog-store';
import { createTestKit } from '../../lib/testing';
import { createDatabase, isPostgres, readDate } from '../../lib/uow/database';
import { forEachDatabase } from '../support/databases';
import { createTestApp } from './support/app';

const AT = new Date('2026-03-02T09:15:30.250Z');

forEachDatabase('tooling: timestamps read back as Date on both databases', (target) => {
  let db: Knex;
  const schema = target.url ? `wfe_test_${randomBytes(5).toString('hex')}` : undefined;

  before(async () => {
    db = createDatabase({ url: target.url, filename: ':memory:', schema });
    await db.schema.createTable('ts_probe', (t) => {
      t.increments('id');
      t.timestamp('at', { useTz: true }).notNullable();
      t.timestamp('maybe_at', { useTz: true }).nullable();
      t.bigInteger('count');
      t.string('label');
    });
  });
  after(async () => {
    if (schema) await db.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.destroy();
  });

  it('select, first, aliases, joins and returning give a Date with the instant written; null stays null', async () => {
    await db('ts_probe').insert({ at: AT, count: 1700000000000, label: '2026-03-02T09:15:30.250Z' });
    const [row] = await db('ts_probe').select('*');
    expect(row.at).to.be.instanceOf(Date);
    expect(row.at.toISOString()).to.equal(AT.toISOString());
    expect(row.maybe_at).to.equal(null);
    // Only time columns are converted: a large integer and ISO-looking text stay what they are.
    expect(Number(row.count)).to.equal(1700000000000);
    expect(row.label).to.equal('2026-03-02T09:15:30.250Z');
    const aliased = await db('ts_probe').first({ when: 'at' });
    expect(aliased.when).to.be.instanceOf(Date);
    const joined = await db('ts_probe as a').join('ts_probe as b', 'a.id', 'b.id').first('b.at as b_at');
    expect(joined.b_at.getTime()).to.equal(AT.getTime());
    const [returned] = await db('ts_probe').insert({ at: AT, maybe_at: AT }).returning(['at', 'maybe_at']);
    expect(returned.at).to.be.instanceOf(Date);
    expect(returned.maybe_at.getTime()).to.equal(AT.getTime());
    const raw = await db.raw('select at from ts_probe');
    const rawRows = isPostgres(db) ? raw.rows : raw;
    expect(rawRows[0].at).to.be.instanceOf(Date);
  });

  it('a computed time (max) is not a typed column: readDate reads it on both', async () => {
    const row = (await db('ts_probe').max({ m: 'at' }).first()) as { m: unknown };
    expect(readDate(row.m)!.getTime()).to.equal(AT.getTime());
  });

  it('domain tables and the catalog read back Dates; JSON gives the same ISO text on both', async () => {
    const kit = await createTestKit({ modules: [billingModule], databaseUrl: target.url });
    try {
      const clock = () => AT;
      const draft = await kit.run(() => kit.resolve(InvoiceService).generate({ clientId: uuidv4(), lines: [{ description: 'Support', quantity: 1, unitPrice: 100 }] }), { clock });
      await kit.run(() => kit.resolve(InvoiceService).finalize(draft.id), { clock });
      const row = await kit.db('invoices').where({ invoice_id: draft.id }).first();
      for (const column of ['created_at', 'updated_at', 'finalized_at']) {
        expect(row[column], column).to.be.instanceOf(Date);
        expect(row[column].toISOString()).to.equal(AT.toISOString());
      }
      const outbox = await kit.db('event_outbox').select('created_at');
      expect(outbox).to.not.be.empty;
      for (const r of outbox) expect(r.created_at).to.be.instanceOf(Date);
    } finally {
      await kit.close();
    }
    const { app, dispose } = await createTestApp(target);
    try {
      await app.runtime.db('system_event_catalog').insert({
        event_id: uuidv4(),
        event_type: 'PROBE',
        name: 'Probe',
        description: 'probe',
        category: 'Test',
        status: 'emitted',
        payload_schema_ref: 'payload.Probe.v1',
        payload_schema: JSON.stringify({}),
        emitters: JSON.stringify([]),
        created_at: AT,
        updated_at: AT,
      });
      const [probe] = (await readSystemCatalog(app.runtime.db)).filter((r) => r.event_type === 'PROBE');
      expect(probe.created_at).to.be.instanceOf(Date);
      expect(JSON.parse(JSON.stringify(probe)).created_at).to.equal(AT.toISOString());
    } finally {
      await dispose();
    }
  });
});
