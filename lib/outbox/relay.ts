import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { EventEnvelope } from '../bus/envelope';
import { EventBus, StreamDataLossError } from '../bus/event-bus';
import { compareStreamIds } from '../bus/redis-stream-id';
import { OutboxStore } from './outbox-store';

export interface RelayOptions {
  batchSize?: number;
  /** Poll for rows left behind (crash between commit and publish, another process's commits). */
  pollIntervalMs?: number;
  /** First back-off after a failed publish; doubles up to `maxBackoffMs`. */
  backoffMs?: number;
  maxBackoffMs?: number;
  onError?: (err: Error) => void;
  /** Called with each batch the bus acknowledged. */
  onPublished?: (envelopes: EventEnvelope[]) => void;
  /**
   * The stream lost entries the relay had published (Redis restarted without its data): called
   * with what the stream says and how many rows were queued to be published again.
   */
  onDataLoss?: (info: { stream: string; lastId: string; expected: string; requeued: number }) => void;
  /** How far back published rows are published again after a data loss (default 24 h). */
  republishWindowMs?: number;
}

/**
 * Moves committed outbox rows to the bus in `seq` order. Woken after each commit; a poller
 * covers rows committed elsewhere or left behind by a crash. Rows are marked published only
 * after the bus acknowledged them, so a failed publish leaves them for the next attempt.
 */
export class OutboxRelay {
  private draining?: Promise<void>;
  private again = false;
  private timer?: NodeJS.Timeout;
  private running = false;
  private failures = 0;
  private exclusive: Promise<unknown> = Promise.resolve();
  /** This relay's name in the SQLite relay lease. */
  readonly id = randomUUID();
  private readonly opts: Required<Omit<RelayOptions, 'onError' | 'onPublished' | 'onDataLoss'>> & RelayOptions;
  /** The highest entry id this relay saw the stream accept ('' none; undefined: not read yet). */
  private lastStreamId?: string;

  constructor(
    private readonly store: OutboxStore,
    private readonly bus: EventBus,
    options: RelayOptions = {},
  ) {
    // Options left undefined keep their defaults (a spread would overwrite them with undefined).
    const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
    this.opts = { batchSize: 100, pollIntervalMs: 1000, backoffMs: 200, maxBackoffMs: 10_000, republishWindowMs: 86_400_000, ...given };
    // Drains run in the relay's own async context, not in that of the request whose commit woke it.
    this.wake = AsyncResource.bind(this.wake.bind(this));
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.wake();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.draining;
    await this.store.releaseRelayLease(this.id).catch(() => undefined);
  }

  /** Asks for a drain soon; calls during a drain fold into one more pass. */
  wake(): void {
    if (!this.running) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.draining = this.loop().finally(() => {
      this.draining = undefined;
      if (!this.running) return;
      if (this.again) {
        this.again = false;
        this.wake();
      } else this.schedule();
    });
  }

  /** Drains everything currently unpublished; resolves with the number of rows published. */
  drain(): Promise<number> {
    // One drain at a time per relay: two overlapping passes would read the same rows on SQLite.
    const run = this.exclusive.then(() => this.drainAll());
    this.exclusive = run.catch(() => undefined);
    return run;
  }

  private async drainAll(): Promise<number> {
    // Another process's relay publishes this SQLite file's rows; this one stands by.
    if (!(await this.store.holdsRelayLease(this.id, Math.max(5000, this.opts.pollIntervalMs * 5)))) return 0;
    this.lastStreamId ??= (await this.store.lastPublishedStreamId()) ?? '';
    let total = 0;
    for (;;) {
      let n: number;
      try {
        n = await this.store.drainBatch(this.opts.batchSize, async (rows) => {
          const envelopes = rows.map((r) => r.envelope);
          const ids = await this.bus.publish(envelopes, { continuityFrom: this.lastStreamId || undefined });
          for (const id of ids) if (/^\d+-\d+$/.test(id) && (!this.lastStreamId || compareStreamIds(id, this.lastStreamId) > 0)) this.lastStreamId = id;
          this.opts.onPublished?.(envelopes);
          return ids;
        });
        // Idle: still make sure the stream kept what was published (a Redis that restarted
        // without its data while nothing new was committed).
        if (n === 0 && total === 0 && this.lastStreamId && this.bus.verifyContinuity) await this.bus.verifyContinuity(this.lastStreamId);
      } catch (err) {
        if (!(err instanceof StreamDataLossError)) throw err;
        // Published rows the stream no longer has go back to the queue, ahead of newer ones (seq order).
        const requeued = await this.store.requeueLost(err.lastId, this.opts.republishWindowMs);
        this.lastStreamId = err.lastId === '0-0' ? '' : err.lastId;
        this.opts.onDataLoss?.({ stream: err.stream, lastId: err.lastId, expected: err.expected, requeued });
        continue;
      }
      total += n;
      if (n < this.opts.batchSize) return total;
    }
  }

  private async loop(): Promise<void> {
    try {
      await this.drain();
      this.failures = 0;
    } catch (err) {
      this.failures++;
      this.opts.onError?.(err as Error);
    }
  }

  private schedule(): void {
    const delay = this.failures
      ? Math.min(this.opts.backoffMs * 2 ** (this.failures - 1), this.opts.maxBackoffMs)
      : // Another relay was draining the partition: look again soon, in case it finished before our rows committed.
        this.store.busy
        ? Math.min(50, this.opts.pollIntervalMs)
        : this.opts.pollIntervalMs;
    this.timer = setTimeout(() => this.wake(), delay);
    this.timer.unref?.();
  }
}
