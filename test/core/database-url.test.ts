import { expect } from 'chai';
import { createDatabase } from '../../lib/uow/database';
import { createTestKit } from '../../lib/testing';
import { ordersModule } from '../fixtures/orders';

/**
 * A database URL that is given but is not PostgreSQL (a typo such as `postgress://`, another
 * engine) is refused by name. Before, it silently opened the embedded SQLite file (`wfe serve`'s
 * summary still said "PostgreSQL …") or, in the test kit, `:memory:`.
 */
describe('database URL: given means PostgreSQL, or refused', () => {
  for (const url of ['postgress://postgres@127.0.0.1:5432/test', 'mysql://root@127.0.0.1/test', '127.0.0.1:5432/test', ' postgres://x@y/z']) {
    it(JSON.stringify(url), async () => {
      expect(() => createDatabase({ url })).to.throw(/database URL must start with postgres:\/\/ or postgresql:\/\//)
        .with.property('code', 'DATABASE_URL_INVALID');
      const err = await createTestKit({ modules: [ordersModule], databaseUrl: url }).then(async (kit) => { await kit.close(); return undefined; }, (e: unknown) => e);
      expect(err).to.have.property('code', 'DATABASE_URL_INVALID');
    });
  }

  it('the password does not appear in the message', () => {
    expect(() => createDatabase({ url: 'postgress://admin:s3cret@db/x' })).to.throw().that.satisfies((e: Error) => !e.message.includes('s3cret'));
  });

  it('an empty URL is no URL (the embedded SQLite)', async () => {
    const db = createDatabase({ url: '', filename: ':memory:' });
    await db.destroy();
  });

  it('a schema name that would break out of its quotes is refused (WFE_DB_SCHEMA)', () => {
    for (const schema of ['x"; DROP TABLE event_outbox; --', 'a\u0000b', 'x'.repeat(64)]) {
      expect(() => createDatabase({ url: 'postgres://postgres@127.0.0.1:5432/test', schema }), JSON.stringify(schema))
        .to.throw(/schema name/).with.property('code', 'DATABASE_SCHEMA_INVALID');
    }
  });
});
