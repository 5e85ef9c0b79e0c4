import { expect } from 'chai';
import { createDatabase } from '../../lib/uow/database';
import { UnitOfWork } from '../../lib/uow/unit-of-work';

describe('unit of work', () => {
  const db = createDatabase({ filename: ':memory:' });
  const uow = new UnitOfWork(db);
  before(() => db.schema.createTable('t', (t) => t.integer('v')));
  after(() => db.destroy());
  beforeEach(() => db('t').del());

  it('nested runs join the outermost transaction (in a savepoint)', async () => {
    await uow.run(async (outer) => {
      await uow.run(async (inner) => {
        expect(inner).not.to.equal(outer);
        expect(uow.db).to.equal(inner);
        await inner('t').insert({ v: 1 });
      });
      expect(uow.db).to.equal(outer);
      expect(await outer('t').count({ n: '*' })).to.deep.equal([{ n: 1 }]);
    });
    expect(uow.active).to.equal(false);
    expect(await db('t').count({ n: '*' })).to.deep.equal([{ n: 1 }]);
  });

  it('a nested failure the caller catches undoes only the nested writes and hooks', async () => {
    const seen: string[] = [];
    await uow.run(async (trx) => {
      await trx('t').insert({ v: 1 });
      await uow
        .run(async (inner) => {
          await inner('t').insert({ v: 2 });
          uow.afterCommit(() => void seen.push('nested'));
          throw new Error('nested failure');
        })
        .catch(() => undefined);
      uow.afterCommit(() => void seen.push('outer'));
    });
    expect((await db('t').select('v')).map((r) => r.v)).to.deep.equal([1]);
    expect(seen).to.deep.equal(['outer']);
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
