import { Counter, Gauge, Registry } from 'prom-client';
import { EventEnvelope } from '../lib/bus/envelope';
import { DeadLetterReason, StreamEntry } from '../lib/bus/event-bus';
import { EventRuntime } from '../lib/runtime/event-runtime';

/**
 * Prometheus metrics of one app, on its own registry (never prom-client's global one, so several
 * apps in one process, e.g. tests, do not collide). Counters follow this process's runtime;
 * gauges are read from the database at scrape time, so they hold whichever process did the work.
 */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly staged = this.counter('wfe_events_staged_total', 'Events written to the outbox (committed)', ['event_type']);
  private readonly published = this.counter('wfe_events_published_total', 'Events the relay published to the bus', ['event_type']);
  private readonly ingested = this.counter('wfe_events_ingested_total', 'Events the worker ingested and handled', ['event_type']);
  private readonly duplicates = this.counter('wfe_events_duplicate_total', 'Deliveries the worker recognised as already processed', ['event_type']);
  private readonly dataLosses = new Counter({ name: 'wfe_stream_data_loss_total', help: 'Times the relay found the stream missing entries it had published (Redis lost data)', registers: [this.registry] });
  private readonly republished = new Counter({ name: 'wfe_events_republished_total', help: 'Published outbox rows queued to be published again after a stream data loss', registers: [this.registry] });
  private readonly deadLettered = this.counter('wfe_events_dead_lettered_total', 'Entries the worker moved to the dead letters', ['event_type', 'code']);

  constructor() {
    this.registry.setDefaultLabels({ service: 'wfe' });
  }

  /** Follows the runtime: commits, worker outcomes, and the database-backed gauges. */
  attach(runtime: EventRuntime): void {
    runtime.onCommitted((envelopes) => this.count(this.staged, envelopes));
    runtime.worker.on('ingested', (envelope: EventEnvelope) => this.ingested.inc({ event_type: envelope.eventType }));
    runtime.worker.on('duplicate', (envelope: EventEnvelope) => this.duplicates.inc({ event_type: envelope.eventType }));
    runtime.worker.on('dead-lettered', (entry: StreamEntry, outcome: { reason: DeadLetterReason }) =>
      this.deadLettered.inc({ event_type: entry.fields.event_type || 'unknown', code: outcome.reason.code }),
    );
    const db = runtime.db;
    this.gauge('wfe_outbox_pending', 'Committed outbox rows not yet published', ['event_type'], async (g) => {
      const rows = await db('event_outbox').whereNull('published_at').groupBy('event_type').select('event_type').count({ n: '*' });
      rows.forEach((r: any) => g.set({ event_type: r.event_type }, Number(r.n)));
    });
    this.gauge('wfe_relay_lag_seconds', 'Age of the oldest unpublished outbox row (0 when none)', [], async (g) => {
      const oldest = await runtime.outbox.oldestPendingAt();
      g.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
    });
    this.gauge('wfe_worker_pending', 'Events the worker recorded whose handlers have not completed yet (awaiting retry)', ['event_type'], async (g) => {
      const rows = await db('workflow_runtime_events').whereNot({ status: 'processed' }).groupBy('event_type').select('event_type').count({ n: '*' });
      rows.forEach((r: any) => g.set({ event_type: r.event_type }, Number(r.n)));
    });
  }

  /** For the relay's `onDataLoss` hook. */
  onDataLoss(requeued: number): void {
    this.dataLosses.inc();
    this.republished.inc(requeued);
  }

  /** For the relay's `onPublished` hook. */
  onPublished(envelopes: EventEnvelope[]): void {
    this.count(this.published, envelopes);
  }

  /** The Prometheus text exposition. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private count(counter: Counter<'event_type'>, envelopes: EventEnvelope[]): void {
    for (const e of envelopes) counter.inc({ event_type: e.eventType });
  }

  private counter<L extends string>(name: string, help: string, labelNames: L[]): Counter<L> {
    return new Counter({ name, help, labelNames, registers: [this.registry] });
  }

  /** A gauge refreshed at scrape time; a failed read leaves it empty rather than failing /metrics. */
  private gauge(name: string, help: string, labelNames: string[], read: (g: Gauge<string>) => Promise<void>): void {
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        await read(this).catch(() => undefined);
      },
    });
  }
}
