import { AsyncLocalStorage } from 'node:async_hooks';
import { Knex } from 'knex';

type Hook = () => void | Promise<void>;

interface Frame {
  trx: Knex.Transaction;
  afterCommit: Hook[];
  /** The enclosing unit of work (a savepoint's transaction). */
  parent?: Frame;
  /** Set once the work passed to `run` settled: the transaction is committing or finished. */
  done: boolean;
}

/**
 * A unit of work is one database transaction carried through async calls by AsyncLocalStorage.
 * Nested `run` calls join the outermost transaction inside a savepoint, so a decorated method
 * called from another one commits (or rolls back) with its caller, and a nested failure the
 * caller catches undoes exactly the nested writes and drops their events. After-commit hooks run
 * once, after the outermost commit, and only for the nested runs that succeeded.
 *
 * Work that outlives its transaction (a timer or an un-awaited promise started inside `run`) still
 * carries the frame in its async context; once that `run` settled it no longer sees the finished
 * transaction: `db` is the enclosing still-open transaction or the pool, `active` says so, and a
 * decorated method called from there opens a unit of work of its own.
 */
export class UnitOfWork {
  private readonly als = new AsyncLocalStorage<Frame>();

  constructor(readonly knex: Knex) {}

  /** The current transaction, or the pool outside one. Services query through this. */
  get db(): Knex {
    return this.current()?.trx ?? this.knex;
  }

  get active(): boolean {
    return this.current() !== undefined;
  }

  /** The innermost frame whose work is still running, if any. */
  private current(): Frame | undefined {
    let frame = this.als.getStore();
    while (frame?.done) frame = frame.parent;
    return frame;
  }

  async run<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    const current = this.current();
    if (current) return this.nested(current, fn);
    const frame: Frame = { trx: undefined as unknown as Knex.Transaction, afterCommit: [], done: false };
    const result = await this.knex.transaction((trx) => {
      frame.trx = trx;
      return this.als.run(frame, () => settle(frame, fn(trx)));
    });
    // Outside the ALS frame: a hook that opens a new unit of work gets its own transaction.
    for (const hook of frame.afterCommit) {
      try {
        await hook();
      } catch (err) {
        process.emitWarning(`after-commit hook failed: ${(err as Error).message}`);
      }
    }
    return result;
  }

  private async nested<T>(parent: Frame, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    const frame: Frame = { trx: undefined as unknown as Knex.Transaction, afterCommit: [], parent, done: false };
    const result = await parent.trx.transaction((savepoint) => {
      frame.trx = savepoint;
      return this.als.run(frame, () => settle(frame, fn(savepoint)));
    });
    parent.afterCommit.push(...frame.afterCommit);
    return result;
  }

  /**
   * Runs `fn` inside a knex transaction the caller opened on this database: decorated calls made
   * in `fn` write and stage their events on `trx` (nested ones in savepoints), and their events are
   * published only if `trx` commits; if it rolls back, nothing is published.
   *
   * ```ts
   * await knex.transaction((trx) => runtime.uow.join(trx, () => subscriptions.renew(id)));
   * ```
   * Throws TransactionJoinError for a transaction of another database or one already finished.
   */
  async join<T>(trx: Knex.Transaction, fn: () => Promise<T>): Promise<T> {
    if ((trx as any).client?.config !== (this.knex as any).client.config) {
      throw new TransactionJoinError('the transaction belongs to another knex instance (another database): events would be staged where the relay never looks');
    }
    if (trx.isCompleted()) throw new TransactionJoinError('the transaction has already committed or rolled back');
    const frame: Frame = { trx, afterCommit: [], done: false };
    const result = await this.als.run(frame, () => settle(frame, fn()));
    // Outside the ALS frame; a rollback rejects executionPromise and the hooks are dropped.
    trx.executionPromise.then(
      async () => {
        for (const hook of frame.afterCommit) {
          try {
            await hook();
          } catch (err) {
            process.emitWarning(`after-commit hook failed: ${(err as Error).message}`);
          }
        }
      },
      () => undefined,
    );
    return result;
  }

  /** Runs `hook` after the current transaction commits; never if it rolls back. */
  afterCommit(hook: Hook): void {
    const frame = this.current();
    if (!frame) throw new Error('afterCommit() called outside a unit of work');
    frame.afterCommit.push(hook);
  }
}

/** Marks the frame done as soon as its work settles, before knex commits or rolls back. */
async function settle<T>(frame: Frame, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } finally {
    frame.done = true;
  }
}

export class TransactionJoinError extends Error {
  readonly code = 'TRANSACTION_JOIN_REFUSED';
  constructor(reason: string) {
    super(`Cannot join the transaction: ${reason}`);
    this.name = 'TransactionJoinError';
  }
}
