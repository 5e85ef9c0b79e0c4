import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import { EventEnvelope } from './envelope';
import { DeadLetter, DeadLetterNotFoundError, EntryOutcome, EventBus, PublishOptions, StreamDataLossError, StreamEntry, SubscribeOptions, Subscription } from './event-bus';
import { blockingConnection, closeRedis, connectRedis, guardOf, whenReady } from './redis-connection';
import { fromDeadLetterEntry, REPLAY_DLQ } from './redis-dead-letters';
import { PUBLISH_WITH_CONTINUITY } from './redis-publish';
import { RawEntry, repliesOf, toArgs } from './redis-entries';
import { RedisStreamSubscription } from './redis-subscription';
import { StreamTrimmer, trimAcknowledged } from './stream-trimmer';
import { toWireFields } from './wire';

export const DEFAULT_STREAM = 'workflow:events:global';

export interface RedisStreamsBusOptions {
  url: string;
  /** Default `workflow:events:global`; dead letters go to `<stream>:dlq`. */
  stream?: string;
  /** How long a command waits for a (re)connecting Redis before failing. */
  readyTimeoutMs?: number;
  /**
   * How long a command may go unanswered (default 5000 ms); two timeouts in a row replace the
   * connection (a flow a middlebox dropped without FIN/RST).
   */
  commandTimeoutMs?: number;
  /** A connection was replaced because it stopped answering. */
  onConnectionReplaced?: (connection: string, reason: string) => void;
  /** Trim acknowledged entries this often once a subscription runs; 0 disables. Default 60 s. */
  trimIntervalMs?: number;
  /** Transport errors the bus recovers from by itself (reads, trims), for logging: the first of an outage. */
  onError?: (err: Error, context: string) => void;
  /** A consumer group's loop works again after an outage. */
  onRecovered?: (context: string, info: { failures: number; downMs: number }) => void;
}

/**
 * EventBus on Redis Streams, in the wire format of DESIGN.md "Envelope". Publishing resolves only
 * once Redis acknowledged every XADD of the batch, and fails fast while Redis is unreachable, so
 * the relay keeps rows in the outbox and retries. Consumers use consumer groups (see
 * RedisStreamSubscription); trimming removes only what every group acknowledged.
 */
export class RedisStreamsBus implements EventBus {
  readonly kind = 'redis-streams';
  readonly stream: string;
  readonly dlqStream: string;
  /** The command connection (publish, acks, claims); blocking reads get their own. */
  readonly redis: Redis;
  private readonly subscriptions = new Set<RedisStreamSubscription>();
  private readonly trimmer: StreamTrimmer;
  private readonly readyTimeoutMs: number;

  constructor(private readonly options: RedisStreamsBusOptions) {
    this.stream = options.stream ?? DEFAULT_STREAM;
    this.dlqStream = `${this.stream}:dlq`;
    this.readyTimeoutMs = options.readyTimeoutMs ?? 1000;
    this.redis = connectRedis(options.url, { commandTimeout: options.commandTimeoutMs ?? 5000 });
    guardOf(this.redis).onReplaced = (reason) => this.options.onConnectionReplaced?.('command', reason);
    this.trimmer = new StreamTrimmer(this.redis, this.stream, options.trimIntervalMs ?? 60_000, (err) => this.onError(err, 'trim'));
  }

  /**
   * One atomic script of XADDs; resolves with the entry ids only when every XADD succeeded. With
   * `continuityFrom`, first checks that the stream generated that id (else StreamDataLossError).
   */
  async publish(batch: EventEnvelope[], options: PublishOptions = {}): Promise<string[]> {
    if (!batch.length) return [];
    await whenReady(this.redis, this.readyTimeoutMs);
    const args = batch.flatMap((e) => {
      const flat = toArgs(toWireFields(e));
      return [String(flat.length), ...flat];
    });
    // A timed-out call may still have been applied: the relay publishes again, the worker de-duplicates.
    const reply = (await guardOf(this.redis).run(() => this.redis.eval(PUBLISH_WITH_CONTINUITY, 1, this.stream, options.continuityFrom ?? '', ...args))) as string[];
    if (reply[0] === 'LOST') throw new StreamDataLossError(this.stream, reply[1], options.continuityFrom!);
    return reply.map(String);
  }

  async verifyContinuity(from: string): Promise<void> {
    await whenReady(this.redis, this.readyTimeoutMs);
    const reply = (await guardOf(this.redis).run(() => this.redis.eval(PUBLISH_WITH_CONTINUITY, 1, this.stream, from))) as string[];
    if (reply[0] === 'LOST') throw new StreamDataLossError(this.stream, reply[1], from);
  }

  subscribe(group: string, handler: (entry: StreamEntry) => Promise<EntryOutcome>, options: SubscribeOptions = {}): Subscription {
    const onError = options.onError ?? ((err: Error) => this.onError(err, `consumer group ${group}`));
    const reader = blockingConnection(this.redis);
    guardOf(reader).onReplaced = (reason) => this.options.onConnectionReplaced?.(`reader of ${group}`, reason);
    const sub = new RedisStreamSubscription(this.redis, reader, handler, {
      stream: this.stream,
      dlqStream: this.dlqStream,
      group,
      consumer: options.consumer ?? `${os.hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
      batchSize: options.batchSize ?? 50,
      concurrency: Math.max(1, options.concurrency ?? 1),
      blockMs: options.blockMs ?? 1000,
      claimIdleMs: options.claimIdleMs ?? 30_000,
      maxDeliveries: options.maxDeliveries ?? 5,
      readyTimeoutMs: this.readyTimeoutMs,
      onError,
      onRecovered: (info) => this.options.onRecovered?.(`consumer group ${group}`, info),
      onDeadLettered: options.onDeadLettered,
      batchHandler: options.batchHandler,
      exclusive: options.exclusive,
    });
    this.subscriptions.add(sub);
    this.trimmer.start();
    return {
      stop: async () => {
        await sub.stop();
        this.subscriptions.delete(sub);
      },
    };
  }

  /** Removes the entries every consumer group has acknowledged; returns how many. */
  async trim(): Promise<number> {
    await whenReady(this.redis, this.readyTimeoutMs);
    return trimAcknowledged(this.redis, this.stream);
  }

  async deadLetters(): Promise<DeadLetter[]> {
    await whenReady(this.redis, this.readyTimeoutMs);
    const out: DeadLetter[] = [];
    for (let start = '-'; ; ) {
      const page = (await this.redis.xrange(this.dlqStream, start, '+', 'COUNT', 500)) as RawEntry[];
      out.push(...page.map(fromDeadLetterEntry));
      if (page.length < 500) return out;
      start = `(${page[page.length - 1][0]}`;
    }
  }

  /** Throws DeadLetterNotFoundError for an id that is malformed or not (or no longer) in the dead letters. */
  async replayDeadLetter(id: string): Promise<string> {
    if (!/^\d{1,20}-\d{1,20}$/.test(id)) {
      throw new DeadLetterNotFoundError(id, `"${id}" is not a dead-letter id: ids are stream ids such as 1767225600000-0 (see \`wfe dlq list\`)`);
    }
    await whenReady(this.redis, this.readyTimeoutMs);
    const [entry] = (await this.redis.xrange(this.dlqStream, id, id)) as RawEntry[];
    if (!entry) throw new DeadLetterNotFoundError(id, `no dead letter ${id} in ${this.dlqStream} (see \`wfe dlq list\`)`);
    const newId = await this.redis.eval(REPLAY_DLQ, 2, this.stream, this.dlqStream, id, ...toArgs(fromDeadLetterEntry(entry).fields));
    if (!newId) throw new DeadLetterNotFoundError(id, `dead letter ${id} was replayed or removed concurrently`);
    return String(newId);
  }

  /** Stops every subscription (each settles its entries in hand), the trimmer, then the connection. */
  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.subscriptions.clear();
    await this.trimmer.stop();
    await closeRedis(this.redis);
  }

  private onError(err: Error, context: string): void {
    this.options.onError?.(err, context);
  }
}
