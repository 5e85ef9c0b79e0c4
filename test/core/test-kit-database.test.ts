import { expect } from 'chai';
import { isPostgres } from '../../lib/kit';
import { createTestKit } from '../../lib/testing';
import { testPostgresUrl } from '../../lib/testing/environment';
import { ordersModule } from '../fixtures/orders';

/**
 * The kit's database is the one the test names: `databaseUrl` → PostgreSQL, none → SQLite
 * `:memory:`. The application's DATABASE_URL (the README has operators `export` it) must not turn
 * the SQLite half of every forEachDatabase suite into a second PostgreSQL run, nor point an
 * adopter's tests at the application's database.
 */
describe('test kit: which database', () => {
  const saved = process.env.DATABASE_URL;
  afterEach(() => (saved === undefined ? delete process.env.DATABASE_URL : (process.env.DATABASE_URL = saved)));

  it('without databaseUrl it is SQLite, whatever DATABASE_URL says', async () => {
    process.env.DATABASE_URL = testPostgresUrl();
    const kit = await createTestKit({ modules: [ordersModule] });
    try {
      expect(isPostgres(kit.db)).to.equal(false);
    } finally {
      await kit.close();
    }
  });
});
