import type Redis from 'ioredis';
import { BatchControl, DeadLetterReason, EntryOutcome, StreamEntry, Subscription } from './event-bus';
import { deadLetterFields, MOVE_TO_DLQ } from './redis-dead-letters';
import { RawEntry, repliesOf, toArgs, toFields } from './redis-entries';
import { BLOCKING_GRACE_MS, guardOf, isCommandTimeout, whenReady } from './redis-connection';
import { ExclusiveOptions, RELEASE_LEASE, TAKE_OR_RENEW_LEASE } from './partition-lease';

export interface RedisSubscriptionConfig {
  stream: string;
  dlqStream: string;
  group: string;
  consumer: string;
  batchSize: number;
  /** Entries of a batch handled at once. */
  concurrency: number;
  blockMs: number;
  claimIdleMs: number;
  maxDeliveries: number;
  readyTimeoutMs: number;
  /** The first error of a run of failures (an outage), not every retry of it. */
  onError: (err: Error) => void;
  /** The loop works again after `failures` failed attempts over `downMs`. */
  onRecovered?: (info: { failures: number; downMs: number }) => void;
  onDeadLettered?: (entry: StreamEntry, reason: DeadLetterReason) => void;
  /** Handles a whole read at once (one outcome per entry, same order); replaces `handler` when set. */
  batchHandler?: (entries: StreamEntry[], control?: BatchControl) => Promise<EntryOutcome[]>;
  /** One consumer of the group at a time (see SubscribeOptions.exclusive). */
  exclusive?: ExclusiveOptions;
}

type Handler = (entry: StreamEntry) => Promise<EntryOutcome>;

/**
 * One consumer of a consumer group. Loop: claim entries left pending too long (XAUTOCLAIM), else
 * read new ones (XREADGROUP on its own connection, since the read blocks), hand each to the
 * handler and settle it: ack → XACK; dead-letter → DLQ + XACK; retry → stays pending until
 * claimed again; retried up to `maxDeliveries` deliveries, then dead-lettered with its last reason.
 */
export class RedisStreamSubscription implements Subscription {
  private stopping = false;
  private wakeUp?: () => void;
  private readerId?: number;
  private claimCursor = '0-0';
  private nextClaimAt = 0;
  /** Consecutive batches with deferred entries (an infrastructure outage): the loop backs off. */
  private deferrals = 0;
  /** Exclusive mode: whether this consumer holds the stream's lease, and whether it just took it over. */
  private leased = false;
  private takeover = false;
  /** When the lease was last taken or renewed (local clock, taken before the command was sent). */
  private leaseRenewedAt = 0;
  /** Exclusive mode: the last batch left entries pending, to be handled again before anything newer. */
  private unsettled = false;
  private readonly done: Promise<void>;

  constructor(
    private readonly redis: Redis,
    private readonly reader: Redis,
    private readonly handler: Handler,
    private readonly cfg: RedisSubscriptionConfig,
  ) {
    // Remembered so stop() can cut a blocked read short (CLIENT UNBLOCK) instead of waiting it out.
    reader.on('ready', () => {
      reader.client('ID').then((id) => (this.readerId = Number(id)), () => undefined);
    });
    this.done = this.run();
  }

  /** Stops reading, finishes and settles the entries in hand, then leaves the group if it owns none. */
  async stop(): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      this.wakeUp?.();
      if (this.readerId !== undefined && this.redis.status === 'ready') await this.redis.client('UNBLOCK', this.readerId).catch(() => undefined);
    }
    await this.done;
    await this.releaseLease().catch(() => undefined);
    // A stopping process leaves the partition share at once: the others take its partitions now, not after the membership ttl.
    await this.cfg.exclusive?.share?.leave(this.redis).catch(() => undefined);
    await this.leaveGroup().catch(() => undefined);
    this.reader.disconnect();
  }

  private async run(): Promise<void> {
    let groupReady = false;
    let failures = 0;
    let downSince = 0;
    while (!this.stopping) {
      try {
        if (!groupReady) groupReady = await this.ensureGroup();
        if (this.cfg.exclusive && !(await this.holdLease())) {
          guardOf(this.redis).answered();
          failures = 0;
          await this.pause(Math.min(200, this.leaseMs() / 4));
          continue;
        }
        const entries = (await this.claimIdle()) ?? (await this.readNew());
        this.unsettled = false;
        const deferred = await this.process(entries);
        guardOf(this.redis).answered();
        if (failures) this.cfg.onRecovered?.({ failures, downMs: Date.now() - downSince });
        failures = 0;
        if (this.cfg.exclusive && this.unsettled) {
          // Order: what stayed pending is claimed again (from the start of the pending list) before
          // any newer entry is read; its deliveries count toward maxDeliveries as usual.
          this.takeover = true;
          this.claimCursor = '0-0';
        }
        if (deferred || (this.cfg.exclusive && this.unsettled)) {
          // The infrastructure behind the handler is down: wait before trying more entries.
          this.deferrals++;
          await this.pause(this.deferDelay());
        } else if (entries.length) this.deferrals = 0;
      } catch (err) {
        // NOGROUP: the stream or group vanished (e.g. a Redis restarted without persistence).
        if (/NOGROUP/.test((err as Error).message)) groupReady = false;
        // A command connection that stopped answering (half-open flow) is replaced after two timeouts.
        if (isCommandTimeout(err)) guardOf(this.redis).timedOut('consecutive command timeouts');
        if (failures++ === 0) {
          downSince = Date.now();
          this.cfg.onError(err as Error);
        }
        await this.pause(Math.min(100 * 2 ** (failures - 1), 2000));
      }
    }
  }

  private async ensureGroup(): Promise<boolean> {
    await whenReady(this.redis, this.cfg.readyTimeoutMs);
    try {
      // From id 0: a new group sees every entry still in the stream, none is skipped.
      await this.redis.xgroup('CREATE', this.cfg.stream, this.cfg.group, '0', 'MKSTREAM');
    } catch (err) {
      if (!/BUSYGROUP/.test((err as Error).message)) throw err;
    }
    return true;
  }

  private leaseMs(): number {
    return this.cfg.exclusive?.leaseMs ?? 10_000;
  }

  private leaseKey(): string {
    return `${this.cfg.stream}:lease:${this.cfg.group}`;
  }

  /**
   * Exclusive mode: takes (within the process's share) or renews the stream's lease. A lease just
   * taken makes the next claims take every pending entry at once (the previous holder's, in id
   * order) before new ones are read; a process above its share gives one lease up.
   */
  private async holdLease(): Promise<boolean> {
    const share = this.cfg.exclusive?.share;
    await whenReady(this.redis, this.cfg.readyTimeoutMs);
    if (share) await share.refresh(this.redis);
    if (this.leased && share && share.settled && share.held > share.quota) {
      await this.releaseLease();
      return false;
    }
    const mayTake = !share || share.held < share.quota ? '1' : '0';
    const sentAt = Date.now();
    const reply = Number(await this.redis.eval(TAKE_OR_RENEW_LEASE, 1, this.leaseKey(), this.cfg.consumer, String(this.leaseMs()), mayTake));
    if (reply > 0) this.leaseRenewedAt = sentAt;
    if (reply === 2) {
      if (!this.leased && share) share.held++;
      this.leased = true;
      this.takeover = true;
      this.claimCursor = '0-0';
    } else if (reply === 0 && this.leased) {
      // Lost (expired while this consumer stalled): another consumer holds the stream now.
      this.leased = false;
      if (share) share.held--;
    }
    return reply > 0;
  }

  /**
   * Safe ownership: the lease was renewed less than ¾ of its term ago, so no other consumer can
   * have taken it yet (it expires a full term after that renewal).
   */
  private ownsLease(): boolean {
    return this.leased && Date.now() - this.leaseRenewedAt < this.leaseMs() * 0.75;
  }

  /** Renews the lease every quarter term while a batch is handled; stops when it is lost. */
  private keepLease(): () => void {
    const timer = setInterval(() => {
      const sentAt = Date.now();
      this.redis
        .eval(TAKE_OR_RENEW_LEASE, 1, this.leaseKey(), this.cfg.consumer, String(this.leaseMs()), '0')
        .then((reply) => {
          if (Number(reply) > 0) this.leaseRenewedAt = Math.max(this.leaseRenewedAt, sentAt);
        })
        .catch(() => undefined);
    }, this.leaseMs() / 4);
    timer.unref?.();
    return () => clearInterval(timer);
  }

  private async releaseLease(): Promise<void> {
    if (!this.leased) return;
    this.leased = false;
    const share = this.cfg.exclusive?.share;
    if (share) share.held--;
    await this.redis.eval(RELEASE_LEASE, 1, this.leaseKey(), this.cfg.consumer);
  }

  /** Entries pending longer than `claimIdleMs` in any consumer (failed, or their consumer died). */
  private async claimIdle(): Promise<StreamEntry[] | undefined> {
    if (!this.takeover && Date.now() < this.nextClaimAt) return undefined;
    await whenReady(this.redis, this.cfg.readyTimeoutMs);
    const [cursor, raw] = (await this.redis.xautoclaim(
      this.cfg.stream,
      this.cfg.group,
      this.cfg.consumer,
      this.takeover ? 0 : this.cfg.claimIdleMs,
      this.claimCursor,
      'COUNT',
      this.cfg.batchSize,
    )) as [string, RawEntry[]];
    this.claimCursor = cursor;
    if (cursor === '0-0') this.takeover = false;
    // A full pass over the pending list: look again in a while, not on every loop.
    if (cursor === '0-0') this.nextClaimAt = Date.now() + Math.max(100, Math.min(this.cfg.claimIdleMs / 2, 5000));
    const live = raw.filter((e): e is [string, string[]] => Array.isArray(e[1]));
    // Taking over: the rest of the pending list comes before any new entry.
    if (!live.length) return this.takeover ? [] : undefined;
    // XAUTOCLAIM counted this delivery; XPENDING tells how many there were in all.
    const pipeline = this.redis.pipeline();
    for (const [id] of live) pipeline.xpending(this.cfg.stream, this.cfg.group, id, id, 1);
    const counts = repliesOf(await pipeline.exec(), 'XPENDING') as Array<Array<[string, string, number, number]>>;
    return live.flatMap(([id, flat], i) => (counts[i].length ? [{ id, fields: toFields(flat), deliveries: Number(counts[i][0][3]) }] : []));
  }

  private async readNew(): Promise<StreamEntry[]> {
    await whenReady(this.reader, this.cfg.readyTimeoutMs);
    if (this.stopping) return [];
    // Never read new entries on a lease that may have passed on.
    if (this.cfg.exclusive && !this.ownsLease()) return [];
    const started = Date.now();
    const reply = (await this.reader.xreadgroup(
      'GROUP',
      this.cfg.group,
      this.cfg.consumer,
      'COUNT',
      this.cfg.batchSize,
      'BLOCK',
      this.cfg.blockMs,
      'STREAMS',
      this.cfg.stream,
      '>',
    )) as Array<[string, RawEntry[]]> | null;
    if (!reply && !this.stopping && Date.now() - started >= this.cfg.blockMs + BLOCKING_GRACE_MS - 50) {
      // Redis answers an idle BLOCK after blockMs; only ioredis's guard answers this late, so the
      // flow is dead (dropped by a middlebox without FIN/RST): a new connection replaces it.
      guardOf(this.reader).replace(`no reply to XREADGROUP BLOCK ${this.cfg.blockMs} within ${this.cfg.blockMs + BLOCKING_GRACE_MS} ms`);
      throw new Error(`Redis read connection unresponsive for ${Date.now() - started} ms: reconnecting`);
    }
    if (!reply?.length) return [];
    const fresh = reply[0][1].map(([id, flat]) => ({ id, fields: toFields(flat ?? []), deliveries: 1 }));
    return this.cfg.exclusive && fresh.length ? [...(await this.olderPendingOfOthers(fresh[0].id)), ...fresh] : fresh;
  }

  /**
   * Exclusive mode: entries older than `before` still pending with another consumer (one that read
   * them just before losing the lease) come first; they are claimed and handled before the new ones.
   */
  private async olderPendingOfOthers(before: string): Promise<StreamEntry[]> {
    const pending = (await this.redis.xpending(this.cfg.stream, this.cfg.group, '-', `(${before}`, this.cfg.batchSize * 4)) as Array<[string, string, number, number]>;
    const theirs = pending.filter(([, consumer]) => consumer !== this.cfg.consumer);
    if (!theirs.length) return [];
    const claimed = (await this.redis.xclaim(this.cfg.stream, this.cfg.group, this.cfg.consumer, 0, ...theirs.map(([id]) => id))) as RawEntry[];
    const deliveries = new Map(theirs.map(([id, , , n]) => [id, Number(n) + 1]));
    return claimed
      .filter((e): e is [string, string[]] => Array.isArray(e[1]))
      .map(([id, flat]) => ({ id, fields: toFields(flat), deliveries: deliveries.get(id) ?? 1 }));
  }

  /**
   * Handles a batch, `concurrency` entries at a time (1 keeps the stream's order within this
   * consumer), and acknowledges the successes with one XACK. A crash before that XACK only means
   * redelivery, which the worker's de-duplication turns into a no-op.
   */
  private async process(entries: StreamEntry[]): Promise<boolean> {
    if (this.cfg.batchHandler && entries.length) return this.processBatch(entries, this.cfg.batchHandler);
    const acked: string[] = [];
    const deferred: StreamEntry[] = [];
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < entries.length; i = next++) {
        // Once one entry met an outage, the rest of the batch waits with it (not handled, not counted).
        const outcome = deferred.length ? undefined : await this.handle(entries[i]);
        if (!outcome || outcome.kind === 'defer') deferred.push(entries[i]);
        else if (outcome.kind === 'ack') acked.push(entries[i].id);
        else await this.settle(entries[i], outcome);
      }
    };
    // Every lane finishes before the loop moves on, even when one of them failed.
    const lanes = await Promise.allSettled(Array.from({ length: Math.min(this.cfg.concurrency, entries.length) }, lane));
    if (acked.length) await this.redis.xack(this.cfg.stream, this.cfg.group, ...acked);
    if (deferred.length) await this.postpone(deferred);
    const failed = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
    if (failed) throw failed.reason;
    return deferred.length > 0;
  }

  /**
   * The batch form of `process`: entries delivered too often are dead-lettered, the rest go to the
   * batch handler in one call; successes are acknowledged with one XACK, dead letters moved
   * together (commands sent back to back on the connection), deferred entries postponed together.
   */
  private async processBatch(entries: StreamEntry[], batchHandler: (entries: StreamEntry[], control?: BatchControl) => Promise<EntryOutcome[]>): Promise<boolean> {
    const outcomes = new Map<StreamEntry, EntryOutcome>();
    const fresh: StreamEntry[] = [];
    for (const e of entries) {
      if (e.deliveries > this.cfg.maxDeliveries) outcomes.set(e, { kind: 'dead-letter', reason: { code: 'MAX_DELIVERIES', message: `not acknowledged after ${e.deliveries - 1} deliveries` } });
      else fresh.push(e);
    }
    if (fresh.length) {
      let results: EntryOutcome[];
      const exclusive = !!this.cfg.exclusive;
      const stopKeeping = exclusive ? this.keepLease() : undefined;
      try {
        results = await batchHandler(fresh, { exclusive, owns: () => !exclusive || this.ownsLease() });
        if (results.length !== fresh.length) throw new Error(`batch handler returned ${results.length} outcomes for ${fresh.length} entries`);
      } catch (err) {
        results = fresh.map(() => ({ kind: 'retry', reason: { code: 'HANDLER_ERROR', message: (err as Error).message } }) as EntryOutcome);
      } finally {
        stopKeeping?.();
      }
      fresh.forEach((e, i) => outcomes.set(e, results[i]));
    }
    const acked: string[] = [];
    const deferred: StreamEntry[] = [];
    const settling: Array<Promise<void>> = [];
    for (const e of entries) {
      const outcome = outcomes.get(e)!;
      if (outcome.kind === 'ack') acked.push(e.id);
      else if (outcome.kind === 'defer') deferred.push(e);
      else {
        if (outcome.kind === 'retry' && e.deliveries < this.cfg.maxDeliveries) this.unsettled = true;
        settling.push(this.settle(e, outcome));
      }
    }
    if (deferred.length) this.unsettled = true;
    const settled = await Promise.allSettled(settling);
    if (acked.length) await this.redis.xack(this.cfg.stream, this.cfg.group, ...acked);
    if (deferred.length) await this.postpone(deferred);
    const failed = settled.find((l): l is PromiseRejectedResult => l.status === 'rejected');
    if (failed) throw failed.reason;
    return deferred.length > 0;
  }

  private deferDelay(): number {
    return Math.min(200 * 2 ** (this.deferrals - 1), 5000);
  }

  /**
   * Deferred entries stay pending with this consumer, their delivery count put back to what it was
   * before this delivery (XCLAIM RETRYCOUNT) and their idle time set so that they are claimed again
   * after the back-off, not after the full `claimIdleMs`.
   */
  private async postpone(entries: StreamEntry[]): Promise<void> {
    const delay = this.deferDelay();
    const idle = Math.max(0, this.cfg.claimIdleMs - delay);
    const pipeline = this.redis.pipeline();
    for (const e of entries) {
      pipeline.xclaim(this.cfg.stream, this.cfg.group, this.cfg.consumer, 0, e.id, 'IDLE', idle, 'RETRYCOUNT', Math.max(0, e.deliveries - 1), 'JUSTID');
    }
    repliesOf(await pipeline.exec(), 'XCLAIM');
    this.claimCursor = '0-0';
    this.nextClaimAt = Math.min(this.nextClaimAt, Date.now() + delay);
  }

  private async handle(entry: StreamEntry): Promise<EntryOutcome> {
    // Delivered too often without a verdict (its consumers crashed or stalled): stop trying.
    if (entry.deliveries > this.cfg.maxDeliveries) {
      return { kind: 'dead-letter', reason: { code: 'MAX_DELIVERIES', message: `not acknowledged after ${entry.deliveries - 1} deliveries` } };
    }
    try {
      return await this.handler(entry);
    } catch (err) {
      return { kind: 'retry', reason: { code: 'HANDLER_ERROR', message: (err as Error).message } };
    }
  }

  private async settle(entry: StreamEntry, outcome: Exclude<EntryOutcome, { kind: 'ack' | 'defer' }>): Promise<void> {
    if (outcome.kind === 'dead-letter' || entry.deliveries >= this.cfg.maxDeliveries) await this.deadLetter(entry, outcome.reason);
    // retry: left pending; claimIdle() hands it out again once idle for `claimIdleMs`.
  }

  private async deadLetter(entry: StreamEntry, reason: DeadLetterReason): Promise<void> {
    const fields = deadLetterFields(entry.id, entry.fields, reason, entry.deliveries);
    const moved = await this.redis.eval(MOVE_TO_DLQ, 2, this.cfg.stream, this.cfg.dlqStream, this.cfg.group, entry.id, ...toArgs(fields));
    // Null: another consumer already settled it; only the consumer that moved it reports it.
    if (moved) this.cfg.onDeadLettered?.(entry, reason);
  }

  /** Consumers that come and go would pile up in XINFO; one owning no pending entry is removed. */
  private async leaveGroup(): Promise<void> {
    if (this.redis.status !== 'ready') return;
    const mine = (await this.redis.xpending(this.cfg.stream, this.cfg.group, '-', '+', 1, this.cfg.consumer)) as unknown[];
    if (!mine.length) await this.redis.xgroup('DELCONSUMER', this.cfg.stream, this.cfg.group, this.cfg.consumer);
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wakeUp = undefined;
        resolve();
      }, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
    });
  }
}
