import { AssertionError, expect } from 'chai';
import { EventEnvelope } from '../../lib/bus/envelope';

const env = (eventType: string, payload: Record<string, unknown>): EventEnvelope => ({
  id: `${eventType}-${JSON.stringify(payload)}`,
  eventType,
  schemaRef: `payload.${eventType}.v1`,
  tenantId: 't',
  occurredAt: '2026-01-01T00:00:00Z',
  payload,
});

describe('chai plugin', () => {
  const events = [env('A', { id: 1, nested: { x: 1, y: 2 } }), env('B', { id: 2 }), env('A', { id: 3 })];

  it('emitted / withPayload (deep subset) / times / not / emittedInOrder pass when true', () => {
    expect(events).to.have.emitted('A');
    expect(events).to.have.emitted('A').withPayload({ nested: { x: 1 } }).times(1);
    expect(events).to.have.emitted('A', { id: 3 });
    expect(events).to.have.emitted('A').times(2);
    expect(events).not.to.have.emitted('C');
    expect(events).not.to.have.emitted('A', { id: 2 });
    expect(events).to.have.emittedInOrder(['A', 'B', 'A']);
    expect(events).to.have.emittedInOrder(['B', 'A']);
  });

  const failures: Array<[string, () => void, RegExp]> = [
    ['missing type', () => expect(events).to.have.emitted('C'), /expected C to have been emitted, but got/],
    ['payload mismatch', () => expect(events).to.have.emitted('A').withPayload({ id: 9 }), /payload containing {"id":9}/],
    ['wrong count', () => expect(events).to.have.emitted('A').times(1), /emitted 1 time\(s\), but it was emitted 2/],
    ['negated', () => expect(events).not.to.have.emitted('B'), /expected B not to have been emitted/],
    ['order', () => expect(events).to.have.emittedInOrder(['B', 'B']), /in order B → B, but the emitted sequence was A → B → A/],
  ];
  for (const [what, assertion, message] of failures) {
    it(`fails with a clear message: ${what}`, () => {
      expect(assertion).to.throw(AssertionError, message);
    });
  }
});
