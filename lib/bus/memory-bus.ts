import { EventEnvelope } from './envelope';
import { DeadLetter, DeadLetterNotFoundError, DeadLetterReason, EntryOutcome, EventBus, StreamEntry, SubscribeOptions, Subscription } from './event-bus';
import { toWireFields, WireFields } from './wire';

interface Group {
  cursor: number;
  retries: StreamEntry[];
  handlers: Array<(e: StreamEntry) => Promise<EntryOutcome>>;
  options: Required<Pick<SubscribeOptions, 'maxDeliveries' | 'retryDelayMs'>> & Pick<SubscribeOptions, 'onDeadLettered'>;
  /** Consecutive deferrals (infrastructure outage): their back-off doubles with each. */
  deferrals: number;
  pumping?: Promise<void>;
  timers: Set<NodeJS.Timeout>;
}

interface Waiter {
  groups: Set<string>;
  resolve(): void;
  reject(err: Error): void;
}

/**
 * In-process stand-in for Redis Streams with the same semantics the worker relies on: an
 * append-only log, consumer groups that each see every entry, at-least-once delivery with
 * retries, and dead letters after `maxDeliveries`. Entries travel in wire form, so the
 * serialisation path is the one Redis uses.
 *
 * Memory does not survive the process, so `publish` resolves only once every subscribed group
 * has settled (acknowledged or dead-lettered) the entries: the relay marks outbox rows published
 * only then, and a crash or stop before that leaves them in the outbox to be published again.
 */
export class InMemoryBus implements EventBus {
  readonly kind = 'memory';
  readonly log: Array<{ id: string; fields: WireFields }> = [];
  private readonly dlq: DeadLetter[] = [];
  private readonly groups = new Map<string, Group>();
  private seq = 0;
  private closed = false;
  private readonly waiters = new Map<string, Waiter>();

  async publish(batch: EventEnvelope[]): Promise<string[]> {
    if (this.closed) throw new Error('bus closed');
    const readers = [...this.groups].filter(([, g]) => g.handlers.length).map(([name]) => name);
    const ids = batch.map((e) => this.append(toWireFields(e)));
    const settled = readers.length
      ? ids.map((id) => new Promise<void>((resolve, reject) => this.waiters.set(id, { groups: new Set(readers), resolve, reject })))
      : [];
    this.groups.forEach((_, name) => this.pump(name));
    await Promise.all(settled);
    return ids;
  }

  subscribe(groupName: string, handler: (entry: StreamEntry) => Promise<EntryOutcome>, options: SubscribeOptions = {}): Subscription {
    const group = this.groups.get(groupName) ?? {
      cursor: 0,
      retries: [],
      handlers: [],
      options: { maxDeliveries: options.maxDeliveries ?? 5, retryDelayMs: options.retryDelayMs ?? 100, onDeadLettered: options.onDeadLettered },
      deferrals: 0,
      timers: new Set(),
    };
    group.options.onDeadLettered ??= options.onDeadLettered;
    this.groups.set(groupName, group);
    group.handlers.push(handler);
    this.pump(groupName);
    return {
      stop: async () => {
        group.handlers = group.handlers.filter((h) => h !== handler);
        await group.pumping;
        if (!group.handlers.length) this.abandon(groupName, group);
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
    if (i < 0) throw new DeadLetterNotFoundError(id, `no dead letter ${id}`);
    const [dead] = this.dlq.splice(i, 1);
    const newId = this.append(dead.fields);
    this.groups.forEach((_, name) => this.pump(name));
    return newId;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const [name, g] of this.groups) {
      g.handlers = [];
      await g.pumping;
      this.abandon(name, g);
    }
  }

  /**
   * The group's last reader left: entries waiting for a retry are dropped from it and their
   * publishers told, so the outbox rows stay unpublished and are sent again on the next start.
   */
  private abandon(name: string, g: Group): void {
    g.timers.forEach(clearTimeout);
    g.timers.clear();
    g.retries.length = 0;
    for (const [id, w] of this.waiters) {
      if (!w.groups.has(name)) continue;
      this.waiters.delete(id);
      w.reject(new Error(`in-memory bus: consumer group ${name} stopped before entry ${id} was settled`));
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
    g.deferrals = outcome.kind === 'defer' ? g.deferrals + 1 : 0;
    if (outcome.kind === 'ack') return this.settled(name, entry.id);
    if (outcome.kind === 'dead-letter' || (outcome.kind === 'retry' && entry.deliveries >= g.options.maxDeliveries)) {
      this.deadLetter(entry, outcome.reason);
      g.options.onDeadLettered?.(entry, outcome.reason);
      return this.settled(name, entry.id);
    }
    // retry: delivered again, counted. defer: the infrastructure failed; same count, growing back-off.
    const delay = outcome.kind === 'defer' ? Math.min(g.options.retryDelayMs * 2 ** (g.deferrals - 1), 2000) : g.options.retryDelayMs;
    const next = outcome.kind === 'defer' ? entry : { ...entry, deliveries: entry.deliveries + 1 };
    const timer = setTimeout(() => {
      g.timers.delete(timer);
      g.retries.push(next);
      this.pump(name);
    }, delay);
    g.timers.add(timer);
  }

  private settled(group: string, id: string): void {
    const w = this.waiters.get(id);
    if (!w) return;
    w.groups.delete(group);
    if (!w.groups.size) {
      this.waiters.delete(id);
      w.resolve();
    }
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
