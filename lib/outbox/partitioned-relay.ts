import { EventBus } from '../bus/event-bus';
import { OutboxStore } from './outbox-store';
import { OutboxRelay, RelayOptions } from './relay';

/** What the runtime drives: one relay, or one per partition. */
export interface Relay {
  readonly id: string;
  start(): void;
  stop(): Promise<void>;
  wake(): void;
  /** Drains everything currently unpublished; resolves with the number of rows published. */
  drain(): Promise<number>;
}

/**
 * One OutboxRelay per partition, each publishing its partition's rows to that partition's stream,
 * in this process's event loop side by side. Across processes a partition is drained by one relay
 * at a time (the store's advisory lock on PostgreSQL, the per-partition lease on SQLite): a relay
 * that finds a partition taken moves on, so a slow relay holds back only the partition in its hands.
 */
export class PartitionedRelay implements Relay {
  readonly relays: OutboxRelay[];

  constructor(store: OutboxStore, busFor: (partition: number) => EventBus, options: RelayOptions = {}) {
    this.relays = Array.from({ length: store.partitions }, (_, p) => new OutboxRelay(store.forPartition(p), busFor(p), options));
  }

  get id(): string {
    return this.relays[0].id;
  }

  start(): void {
    for (const r of this.relays) r.start();
  }

  async stop(): Promise<void> {
    await Promise.all(this.relays.map((r) => r.stop()));
  }

  wake(): void {
    for (const r of this.relays) r.wake();
  }

  /** Wakes the relays of these partitions only (a commit knows where its rows went). */
  wakePartitions(partitions: Iterable<number>): void {
    for (const p of new Set(partitions)) this.relays[p]?.wake();
  }

  async drain(): Promise<number> {
    const counts = await Promise.all(this.relays.map((r) => r.drain()));
    return counts.reduce((a, b) => a + b, 0);
  }
}
