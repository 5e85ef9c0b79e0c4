/// <reference types="chai" />
import { EventEnvelope } from '../bus/envelope';
import { EventRecorder } from './event-recorder';
import { isDeepSubset } from './subset';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Chai {
    interface Assertion {
      /** At least one event of `eventType` (matching `payloadSubset`, if given) was emitted. */
      emitted(eventType: string, payloadSubset?: Record<string, unknown>): Assertion;
      /** Narrows the events of the preceding `emitted` to those whose payload contains `subset`. */
      withPayload(subset: Record<string, unknown>): Assertion;
      /** Exactly `n` events of the preceding `emitted` (after `withPayload`, if any). */
      times(n: number): Assertion;
      /** These event types were emitted in this relative order. */
      emittedInOrder(eventTypes: string[]): Assertion;
    }
  }
}

const MATCHES = 'wfe.matches';
const TYPE = 'wfe.type';

function recorded(obj: unknown): EventEnvelope[] {
  if (obj instanceof EventRecorder) {
    if (obj.invalid.length) {
      const first = obj.invalid[0];
      throw new Error(`recorded ${first.envelope.eventType} payload fails its schema: ${first.issues.map((i) => `${i.field} [${i.constraint}]`).join(', ')}`);
    }
    return obj.all;
  }
  if (Array.isArray(obj)) return obj as EventEnvelope[];
  throw new TypeError('expected an EventRecorder (kit.events) or an array of envelopes');
}

function describe(events: EventEnvelope[]): string {
  if (!events.length) return 'nothing';
  return events.map((e) => `${e.eventType} ${JSON.stringify(e.payload)}`).join('\n  ');
}

/** chai plugin: `expect(kit.events).to.have.emitted('INVOICE_FINALIZED').withPayload({ invoiceId })`. */
export function eventAssertions(chai: Chai.ChaiStatic, utils: Chai.ChaiUtils): void {
  const { Assertion } = chai;

  Assertion.addMethod('emitted', function (this: Chai.AssertionStatic, eventType: string, subset?: Record<string, unknown>) {
    const all = recorded(this._obj);
    const ofType = all.filter((e) => e.eventType === eventType);
    const matches = subset ? ofType.filter((e) => isDeepSubset(e.payload, subset)) : ofType;
    utils.flag(this, TYPE, eventType);
    utils.flag(this, MATCHES, matches);
    const what = subset ? `${eventType} with payload containing ${JSON.stringify(subset)}` : eventType;
    this.assert(
      matches.length > 0,
      `expected ${what} to have been emitted, but got:\n  ${describe(all)}`,
      `expected ${what} not to have been emitted, but got:\n  ${describe(matches)}`,
      what,
    );
  });

  Assertion.addMethod('withPayload', function (this: Chai.AssertionStatic, subset: Record<string, unknown>) {
    const type = utils.flag(this, TYPE);
    if (!type) throw new Error('withPayload() follows emitted(eventType)');
    const candidates: EventEnvelope[] = utils.flag(this, MATCHES);
    const matches = candidates.filter((e) => isDeepSubset(e.payload, subset));
    utils.flag(this, MATCHES, matches);
    this.assert(
      matches.length > 0,
      `expected ${type} with payload containing ${JSON.stringify(subset)}, but the ${type} payloads were:\n  ${describe(candidates)}`,
      `expected no ${type} with payload containing ${JSON.stringify(subset)}, but got:\n  ${describe(matches)}`,
      subset,
    );
  });

  Assertion.addMethod('times', function (this: Chai.AssertionStatic, n: number) {
    const type = utils.flag(this, TYPE);
    if (!type) throw new Error('times() follows emitted(eventType)');
    const matches: EventEnvelope[] = utils.flag(this, MATCHES);
    this.assert(
      matches.length === n,
      `expected ${type} to have been emitted ${n} time(s), but it was emitted ${matches.length} time(s)`,
      `expected ${type} not to have been emitted ${n} time(s)`,
      n,
      matches.length,
    );
  });

  Assertion.addMethod('emittedInOrder', function (this: Chai.AssertionStatic, eventTypes: string[]) {
    const types = recorded(this._obj).map((e) => e.eventType);
    let at = 0;
    for (const t of types) if (t === eventTypes[at]) at++;
    this.assert(
      at === eventTypes.length,
      `expected events in order ${eventTypes.join(' → ')}, but the emitted sequence was ${types.join(' → ') || 'empty'}`,
      `expected events not to be in order ${eventTypes.join(' → ')}`,
      eventTypes,
      types,
    );
  });
}
