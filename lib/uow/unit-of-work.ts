import { AsyncLocalStorage } from 'node:async_hooks';
import { Knex } from 'knex';

type Hook = () => void | Promise<void>;

interface Frame {
  trx: Knex.Transaction;
  afterCommit: Hook[];
}

/**
 * A unit of work is one database transaction carried through async calls by AsyncLocalStorage.
 * Nested `run` calls join the outermost transaction inside a savepoint, so a decorated method
 * called from another one commits (or rolls back) with its caller, and a nested failure the
 * caller catches undoes exactly the nested writes and drops their events. After-commit hooks run
 * once, after the outermost commit, and only for the nested runs that succeeded.
 */
export class UnitOfWork {
  private readonly als = new AsyncLocalStorage<Frame>();

  constructor(readonly knex: Knex) {}

  /** The current transaction, or the pool outside one. Services query through this. */
  get db(): Knex {
    return this.als.getStore()?.trx ?? this.knex;
  }

  get active(): boolean {
    return this.als.getStore() !== undefined;
  }

  async run<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    const current = this.als.getStore();
    if (current) return this.nested(current, fn);
    const frame: Frame = { trx: undefined as unknown as Knex.Transaction, afterCommit: [] };
    const result = await this.knex.transaction((trx) => {
      frame.trx = trx;
      return this.als.run(frame, () => fn(trx));
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
    const frame: Frame = { trx: undefined as unknown as Knex.Transaction, afterCommit: [] };
    const result = await parent.trx.transaction((savepoint) => {
      frame.trx = savepoint;
      return this.als.run(frame, () => fn(savepoint));
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
    const frame: Frame = { trx, afterCommit: [] };
    const result = await this.als.run(frame, fn);
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
    const frame = this.als.getStore();
    if (!frame) throw new Error('afterCommit() called outside a unit of work');
    frame.afterCommit.push(hook);
  }
}

export class TransactionJoinError extends Error {
  readonly code = 'TRANSACTION_JOIN_REFUSED';
  constructor(reason: string) {
    super(`Cannot join the transaction: ${reason}`);
    this.name = 'TransactionJoinError';
  }
}
