import { DeadLetterReason, StreamEntry } from '../bus/event-bus';
import { EventRuntime } from '../runtime/event-runtime';

export interface IngestionOutcome {
  ingested: string[];
  deadLettered: Array<{ id: string; reason: DeadLetterReason }>;
  /** Neither processed nor dead-lettered before the timeout. */
  pending: string[];
}

/**
 * Follows events to the worker: processed rows in `workflow_runtime_events` (whichever process
 * ran the worker), dead letters as this process's worker reports them. Call `watch` before
 * emitting so no dead letter is missed, then `wait` for the ids.
 */
export class IngestionWatch {
  private readonly deadLettered = new Map<string, DeadLetterReason>();
  private readonly listener = (entry: StreamEntry, outcome: { reason: DeadLetterReason }) => {
    if (entry.fields.event_id) this.deadLettered.set(entry.fields.event_id, outcome.reason);
  };

  constructor(private readonly runtime: EventRuntime) {
    runtime.worker.on('dead-lettered', this.listener);
  }

  async wait(ids: string[], timeoutMs = 10_000, pollMs = 25): Promise<IngestionOutcome> {
    const ingested = new Set<string>();
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const open = ids.filter((id) => !ingested.has(id) && !this.deadLettered.has(id));
      for (let i = 0; i < open.length; i += 500) {
        const rows = await this.runtime.db('workflow_runtime_events').whereIn('event_id', open.slice(i, i + 500)).andWhere({ status: 'processed' }).select('event_id');
        rows.forEach((r: { event_id: string }) => ingested.add(r.event_id));
      }
      const pending = ids.filter((id) => !ingested.has(id) && !this.deadLettered.has(id));
      if (!pending.length || Date.now() >= deadline) {
        return {
          ingested: ids.filter((id) => ingested.has(id)),
          deadLettered: ids.filter((id) => this.deadLettered.has(id)).map((id) => ({ id, reason: this.deadLettered.get(id)! })),
          pending,
        };
      }
      await new Promise((r) => setTimeout(r, pollMs));
    }
  }

  close(): void {
    this.runtime.worker.off('dead-lettered', this.listener);
  }
}
