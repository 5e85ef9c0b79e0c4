import { EventEmitter } from 'node:events';

/**
 * Turns a stream of infrastructure failures into two signals: `outage` (the first error) when
 * they start and `recovered` ({ downMs, deferred, lastError }) once work succeeds again, so an
 * outage is logged twice, not once per entry.
 */
export class OutageTracker {
  private since?: number;
  private deferred = 0;
  private lastError?: Error;

  constructor(private readonly emitter: EventEmitter) {}

  get down(): boolean {
    return this.since !== undefined;
  }

  failed(err: Error): void {
    this.deferred++;
    this.lastError = err;
    if (this.since !== undefined) return;
    this.since = Date.now();
    this.emitter.emit('outage', err);
  }

  succeeded(): void {
    if (this.since === undefined) return;
    const info = { downMs: Date.now() - this.since, deferred: this.deferred, lastError: this.lastError?.message };
    this.since = undefined;
    this.deferred = 0;
    this.lastError = undefined;
    this.emitter.emit('recovered', info);
  }
}
