import { EventEnvelope } from '../bus/envelope';
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

  /** Resolves with the envelope the worker ingested; rejects after `within` ms. */
  async toArrive({ within = 3000 }: WaitOptions = {}): Promise<EventEnvelope> {
    const arrived = await this.watch(within, true);
    if (!arrived) throw new Error(`${this.eventType} did not arrive at the worker within ${within} ms`);
    return arrived;
  }

  /** Waits `within` ms (and for the pipeline to settle) and fails if a matching event arrived. */
  async toNotArrive({ within = 300 }: WaitOptions = {}): Promise<void> {
    const arrived = await this.watch(within, false);
    if (arrived) throw new Error(`${this.eventType} arrived at the worker but was not expected: ${JSON.stringify(arrived.payload)}`);
  }

  private async watch(within: number, stopOnFirst: boolean): Promise<EventEnvelope | undefined> {
    const worker = this.kit.runtime.worker;
    let found: EventEnvelope | undefined;
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
      } catch {
        // A failing action is a legitimate scenario (nothing should arrive); its error is the test's to check.
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, within);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        if (found && stopOnFirst) wake();
      });
      if (!stopOnFirst) await this.kit.settle().catch(() => undefined);
      return found;
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
