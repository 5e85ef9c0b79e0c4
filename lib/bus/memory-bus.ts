import { EventEnvelope } from './envelope';
import { DeadLetter, DeadLetterReason, EntryOutcome, EventBus, StreamEntry, SubscribeOptions, Subscription } from './event-bus';
import { toWireFields, WireFields } from './wire';

interface Group {
  cursor: number;
  retries: StreamEntry[];
  handlers: Array<(e: StreamEntry) => Promise<EntryOutcome>>;
  options: Required<Pick<SubscribeOptions, 'maxDeliveries' | 'retryDelayMs'>>;
  pumping?: Promise<void>;
  timers: Set<NodeJS.Timeout>;
}

/**
 * In-process stand-in for Redis Streams with the same semantics the worker relies on: an
 * append-only log, consumer groups that each see every entry, at-least-once delivery with
 * retries, and dead letters after `maxDeliveries`. Entries travel in wire form, so the
 * serialisation path is the one Redis uses.
 */
export class InMemoryBus implements EventBus {
  readonly kind = 'memory';
  readonly log: Array<{ id: string; fields: WireFields }> = [];
  private readonly dlq: DeadLetter[] = [];
  private readonly groups = new Map<string, Group>();
  private seq = 0;
  private closed = false;

  async publish(batch: EventEnvelope[]): Promise<string[]> {
    if (this.closed) throw new Error('bus closed');
    const ids = batch.map((e) => this.append(toWireFields(e)));
    this.groups.forEach((_, name) => this.pump(name));
    return ids;
  }

  subscribe(groupName: string, handler: (entry: StreamEntry) => Promise<EntryOutcome>, options: SubscribeOptions = {}): Subscription {
    const group = this.groups.get(groupName) ?? {
      cursor: 0,
      retries: [],
      handlers: [],
      options: { maxDeliveries: options.maxDeliveries ?? 5, retryDelayMs: options.retryDelayMs ?? 100 },
      timers: new Set(),
    };
    this.groups.set(groupName, group);
    group.handlers.push(handler);
    this.pump(groupName);
    return {
      stop: async () => {
        group.handlers = group.handlers.filter((h) => h !== handler);
        if (!group.handlers.length) group.timers.forEach(clearTimeout);
        await group.pumping;
      },
    };
  }

  /** True when every subscribed group has settled every entry (nothing unread, running or waiting to retry). */
  isIdle(): boolean {
    return [...this.groups.values()].every((g) => !g.handlers.length || (g.cursor >= this.log.length && !g.pumping && !g.retries.length && !g.timers.size));
  }

  async deadLetters(): Promise<DeadLetter[]> {
    return [...this.dlq];
  }

  async replayDeadLetter(id: string): Promise<string> {
    const i = this.dlq.findIndex((d) => d.id === id);
    if (i < 0) throw new Error(`No dead letter ${id}`);
    const [dead] = this.dlq.splice(i, 1);
    const newId = this.append(dead.fields);
    this.groups.forEach((_, name) => this.pump(name));
    return newId;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const g of this.groups.values()) {
      g.handlers = [];
      g.timers.forEach(clearTimeout);
      await g.pumping;
    }
  }

  private append(fields: WireFields): string {
    const id = `${Date.now()}-${this.seq++}`;
    this.log.push({ id, fields });
    return id;
  }

  private pump(name: string): void {
    const g = this.groups.get(name)!;
    if (g.pumping || !g.handlers.length) return;
    g.pumping = (async () => {
      let turn = 0;
      while (g.handlers.length) {
        const entry = g.retries.shift() ?? this.next(g);
        if (!entry) break;
        const handler = g.handlers[turn++ % g.handlers.length];
        let outcome: EntryOutcome;
        try {
          outcome = await handler(entry);
        } catch (err) {
          outcome = { kind: 'retry', reason: { code: 'HANDLER_ERROR', message: (err as Error).message } };
        }
        this.settle(g, name, entry, outcome);
      }
    })().finally(() => {
      g.pumping = undefined;
      if (g.handlers.length && (g.cursor < this.log.length || g.retries.length)) this.pump(name);
    });
  }

  private next(g: Group): StreamEntry | undefined {
    const raw = this.log[g.cursor];
    if (!raw) return undefined;
    g.cursor++;
    return { ...raw, deliveries: 1 };
  }

  private settle(g: Group, name: string, entry: StreamEntry, outcome: EntryOutcome): void {
    if (outcome.kind === 'ack') return;
    if (outcome.kind === 'dead-letter' || entry.deliveries >= g.options.maxDeliveries) {
      this.deadLetter(entry, outcome.reason);
      return;
    }
    const timer = setTimeout(() => {
      g.timers.delete(timer);
      g.retries.push({ ...entry, deliveries: entry.deliveries + 1 });
      this.pump(name);
    }, g.options.retryDelayMs);
    g.timers.add(timer);
  }

  private deadLetter(entry: StreamEntry, reason: DeadLetterReason): void {
    this.dlq.push({
      id: `dlq-${entry.id}`,
      originalId: entry.id,
      fields: entry.fields,
      reason,
      deliveries: entry.deliveries,
      movedAt: new Date().toISOString(),
    });
  }
}
