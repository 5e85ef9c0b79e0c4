import { expect } from 'chai';
import { createDatabase } from '../../lib/uow/database';
import { UnitOfWork } from '../../lib/uow/unit-of-work';

describe('unit of work', () => {
  const db = createDatabase({ filename: ':memory:' });
  const uow = new UnitOfWork(db);
  before(() => db.schema.createTable('t', (t) => t.integer('v')));
  after(() => db.destroy());
  beforeEach(() => db('t').del());

  it('nested runs join the outermost transaction', async () => {
    await uow.run(async (outer) => {
      await uow.run(async (inner) => expect(inner).to.equal(outer));
      expect(uow.db).to.equal(outer);
    });
    expect(uow.active).to.equal(false);
  });

  it('after-commit hooks run once, after the outermost commit, in order', async () => {
    const seen: string[] = [];
    await uow.run(async () => {
      await uow.run(async () => uow.afterCommit(() => void seen.push('inner')));
      uow.afterCommit(() => void seen.push('outer'));
      expect(seen).to.deep.equal([]);
    });
    expect(seen).to.deep.equal(['inner', 'outer']);
  });

  it('a rollback discards the writes and the hooks of nested runs', async () => {
    const seen: string[] = [];
    await uow
      .run(async () => {
        await uow.run(async (trx) => {
          await trx('t').insert({ v: 1 });
          uow.afterCommit(() => void seen.push('hook'));
        });
        throw new Error('boom');
      })
      .catch(() => undefined);
    expect(seen).to.deep.equal([]);
    expect(await db('t').count({ n: '*' })).to.deep.equal([{ n: 0 }]);
  });

  it('afterCommit outside a unit of work is a programming error', () => {
    expect(() => uow.afterCommit(() => undefined)).to.throw(/outside a unit of work/);
  });
});
