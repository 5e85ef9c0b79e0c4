import { EventEnvelope } from '../bus/envelope';
import { fromWireFields } from '../bus/wire';
import type { TestKit } from './test-kit';

export interface WaitOptions {
  within?: number;
}

/**
 * End-to-end expectation through outbox, bus and worker:
 * `kit.scenario(() => svc.finalize(id)).expect('INVOICE_FINALIZED').matching(p => …).toArrive()`.
 */
export class Scenario {
  constructor(
    private readonly kit: TestKit,
    private readonly action: () => unknown,
  ) {}

  expect(eventType: string): ScenarioExpectation {
    return new ScenarioExpectation(this.kit, this.action, eventType);
  }
}

export class ScenarioExpectation {
  private predicate: (payload: any, envelope: EventEnvelope) => boolean = () => true;

  constructor(
    private readonly kit: TestKit,
    private readonly action: () => unknown,
    private readonly eventType: string,
  ) {}

  matching(predicate: (payload: any, envelope: EventEnvelope) => boolean): this {
    this.predicate = predicate;
    return this;
  }

  /** Resolves with the envelope the worker ingested; rejects after `within` ms (with the action's error, if it threw). */
  async toArrive({ within = 3000 }: WaitOptions = {}): Promise<EventEnvelope> {
    const { found, actionError } = await this.watch(within, true);
    if (found) return found;
    const why = actionError ? `: the action threw ${(actionError as Error).message}` : '';
    throw new Error(`${this.eventType} did not arrive at the worker within ${within} ms${why}`);
  }

  /**
   * Waits `within` ms and for the pipeline to settle, then fails if a matching event reached the
   * bus at all — ingested, dead-lettered or ignored as a duplicate alike. The action may throw.
   */
  async toNotArrive({ within = 300 }: WaitOptions = {}): Promise<void> {
    const logStart = this.kit.bus.log.length;
    const { found } = await this.watch(within, false);
    await this.kit.settle();
    const published = this.kit.bus.log
      .slice(logStart)
      .map((e) => fromWireFields(e.fields))
      .find((e) => e.eventType === this.eventType && this.predicate(e.payload, e));
    const arrived = found ?? published;
    if (arrived) throw new Error(`${this.eventType} reached the bus but was not expected: ${JSON.stringify(arrived.payload)}`);
  }

  private async watch(within: number, stopOnFirst: boolean): Promise<{ found?: EventEnvelope; actionError?: unknown }> {
    const worker = this.kit.runtime.worker;
    let found: EventEnvelope | undefined;
    let actionError: unknown;
    let wake: () => void = () => undefined;
    const listener = (envelope: EventEnvelope) => {
      if (!found && envelope.eventType === this.eventType && this.predicate(envelope.payload, envelope)) {
        found = envelope;
        if (stopOnFirst) wake();
      }
    };
    worker.on('ingested', listener);
    try {
      try {
        await this.kit.run(this.action);
      } catch (err) {
        actionError = err;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, within);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        if (found && stopOnFirst) wake();
      });
      return { found, actionError };
    } finally {
      worker.off('ingested', listener);
    }
  }
}

/** DESIGN.md form: `scenario(() => svc.assign(…))` on the most recently created kit. */
export function scenario(action: () => unknown): Scenario {
  // Required lazily: test-kit imports this file.
  const { TestKit } = require('./test-kit') as typeof import('./test-kit');
  return TestKit.current.scenario(action);
}
