import { EventEnvelope } from './envelope';
import type { ExclusiveOptions } from './partition-lease';
import { WireFields } from './wire';

/** One stream entry as a consumer group sees it. */
export interface StreamEntry {
  id: string;
  fields: WireFields;
  /** How many times this entry has been delivered, this delivery included. */
  deliveries: number;
}

export interface DeadLetterReason {
  code: string;
  message: string;
}

/**
 * What the consumer decided: acknowledge; leave pending for a retry (counts toward
 * `maxDeliveries`); defer (the infrastructure failed: pending again after a back-off, not counted);
 * or dead-letter now.
 */
export type EntryOutcome =
  | { kind: 'ack' }
  | { kind: 'retry'; reason: DeadLetterReason }
  | { kind: 'defer'; reason: DeadLetterReason }
  | { kind: 'dead-letter'; reason: DeadLetterReason };

export interface DeadLetter {
  id: string;
  originalId: string;
  fields: WireFields;
  reason: DeadLetterReason;
  deliveries: number;
  movedAt: string;
}

export interface SubscribeOptions {
  /** Consumer name within the group. */
  consumer?: string;
  /** Deliveries after which a failing entry is dead-lettered. */
  maxDeliveries?: number;
  /** How long a failed entry waits before it is delivered again (in-memory bus; Redis uses `claimIdleMs`). */
  retryDelayMs?: number;
  batchSize?: number;
  /**
   * Redis: a pending entry idle this long (a retry, or its consumer died) is claimed again by this
   * or another consumer. Must exceed the time one batch takes to process, or entries run twice.
   */
  claimIdleMs?: number;
  /**
   * Redis: entries of a batch handled at once (default 1, which keeps the stream's order within a
   * consumer; several consumers never guarantee order anyway).
   */
  concurrency?: number;
  /** Redis: how long one read waits for new entries. */
  blockMs?: number;
  /** Transport errors the subscription recovers from by itself (for logging). */
  onError?: (err: Error) => void;
  /** Called for every entry moved to the dead letters, at once or after `maxDeliveries`. */
  onDeadLettered?: (entry: StreamEntry, reason: DeadLetterReason) => void;
  /**
   * Redis: handles a whole read at once, resolving with one outcome per entry in the same order
   * (the worker records a batch with one statement). When set, it replaces the per-entry handler
   * for Redis reads; buses without batches (in-memory) keep calling the per-entry handler.
   */
  batchHandler?: (entries: StreamEntry[], control?: BatchControl) => Promise<EntryOutcome[]>;
  /**
   * Redis: one consumer of the group at a time reads this stream (a lease in Redis, renewed before
   * every read): entries are handled in stream order by whichever consumer holds it. A consumer
   * that takes the lease over first claims every entry left pending by the previous holder, in id
   * order, before reading new ones. Used for partitions (docs/scaling.md).
   */
  exclusive?: ExclusiveOptions;
}

/** Given to a batch handler by an exclusive subscription. */
export interface BatchControl {
  /**
   * Whether this consumer still safely owns the stream: false once its lease could have passed to
   * another consumer. A handler checks it before starting each entry and defers the rest when false.
   */
  owns(): boolean;
  /** Exclusive: an entry left pending (retried or deferred) holds back the later entries of its ordering key. */
  readonly exclusive: boolean;
}

export interface Subscription {
  /** Stops reading; resolves when in-flight entries are settled. */
  stop(): Promise<void>;
}

/**
 * The transport between the outbox relay and the workflow worker. Publishing must be durable
 * when it resolves: the relay marks outbox rows published only then.
 */
export interface PublishOptions {
  /**
   * The last entry id this publisher saw the stream accept. A stream that has not generated it
   * (Redis restarted without its data) makes the publish fail with StreamDataLossError, adding nothing.
   */
  continuityFrom?: string;
}

export interface EventBus {
  readonly kind: string;
  /** Resolves with the entry ids, in batch order. */
  publish(batch: EventEnvelope[], options?: PublishOptions): Promise<string[]>;
  /** Throws StreamDataLossError when the stream has not generated `from` (see PublishOptions). */
  verifyContinuity?(from: string): Promise<void>;
  subscribe(group: string, handler: (entry: StreamEntry) => Promise<EntryOutcome>, options?: SubscribeOptions): Subscription;
  deadLetters(): Promise<DeadLetter[]>;
  /** Re-publishes a dead letter as a new entry and removes it from the dead letters. */
  replayDeadLetter(id: string): Promise<string>;
  close(): Promise<void>;
}

/** `replayDeadLetter` with an id that is malformed, unknown, or replayed meanwhile. */
export class DeadLetterNotFoundError extends Error {
  readonly code = 'DEAD_LETTER_NOT_FOUND';
  constructor(
    readonly id: string,
    message: string,
  ) {
    super(message);
    this.name = 'DeadLetterNotFoundError';
  }
}

/** The stream no longer holds entries this publisher saw it accept: the transport lost data. */
export class StreamDataLossError extends Error {
  readonly code = 'STREAM_DATA_LOSS';
  constructor(
    readonly stream: string,
    /** What the stream says it generated last (`0-0`: it does not exist). */
    readonly lastId: string,
    readonly expected: string,
  ) {
    super(`stream ${stream} last generated ${lastId}, but entries up to ${expected} were published to it: Redis lost data`);
    this.name = 'StreamDataLossError';
  }
}
