import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { injectable } from 'tsyringe';
import { DateTimeField, declareDomainModule, DomainPayload, EmitsEvent, NestedArrayField, NestedField, StringField, UuidArrayField, UuidField } from '../../lib/kit';
import { canonicalDateTime, canonicalUuid } from '../../lib/emission/canonical-form';
import { createTestKit, TestKit } from '../../lib/testing';
import { OrderService, ordersModule } from '../fixtures/orders';
import { forEachDatabase } from '../support/databases';

/** Ids and times at every depth, under field names that say nothing of their format. */
class CanonicalVisit {
  @UuidField() who!: string;
  @DateTimeField() at!: string;
  @StringField() note!: string;
}

class CanonicalRoute {
  @NestedArrayField(() => CanonicalVisit) stops!: CanonicalVisit[];
  @UuidArrayField() crew!: string[];
}

const canonical = declareDomainModule({ name: 'testing-canonical', category: 'Testing' });

@canonical.event({ type: 'TEST_CANONICAL_FORMS', name: 'Test Canonical Forms', description: 'Ids and times at every depth (engine test fixture).' })
export class TestCanonicalFormsPayload extends DomainPayload {
  @UuidField() ref!: string;
  @DateTimeField() due!: string;
  @StringField() label!: string;
  @NestedField(() => CanonicalRoute) route!: CanonicalRoute;
}

/** Its emitter: whatever the caller passes is the payload. */
@injectable()
export class CanonicalFormsService {
  @EmitsEvent('TEST_CANONICAL_FORMS', (_r: void, args: [Record<string, unknown>]) => args[0] as never)
  async record(_payload: Record<string, unknown>): Promise<void> {}
}

declare module '../../lib/kit' {
  interface EventPayloadMap {
    TEST_CANONICAL_FORMS: TestCanonicalFormsPayload;
  }
}

const canonicalModule = canonical.define({ services: [CanonicalFormsService] });

describe('canonical ids and times', () => {
  it('lower-cases UUIDs and leaves anything else alone', () => {
    expect(canonicalUuid('0F8FAD5B-D9CB-469F-A165-70867728950E')).to.equal('0f8fad5b-d9cb-469f-a165-70867728950e');
    expect(canonicalUuid('NOT-A-UUID')).to.equal('NOT-A-UUID');
  });

  it('moves date-times to UTC with Z, keeping the fraction as written', () => {
    expect(canonicalDateTime('2026-03-01T01:30:00+02:00')).to.equal('2026-02-28T23:30:00Z');
    expect(canonicalDateTime('2028-03-01T01:30:00.123456+02:00')).to.equal('2028-02-29T23:30:00.123456Z');
    expect(canonicalDateTime('2026-12-31T22:15:00-05:30')).to.equal('2027-01-01T03:45:00Z');
    expect(canonicalDateTime('0050-06-01T12:00:00+01:00')).to.equal('0050-06-01T11:00:00Z');
    expect(canonicalDateTime('2026-01-31T12:00:00Z')).to.equal('2026-01-31T12:00:00Z');
    expect(canonicalDateTime('2026-01-31T12:00:00-00:00')).to.equal('2026-01-31T12:00:00Z');
    // Not a date-time, or one whose UTC form leaves four-digit years: unchanged (the validator decides).
    expect(canonicalDateTime('tomorrow')).to.equal('tomorrow');
    expect(canonicalDateTime('0000-01-01T00:30:00+01:00')).to.equal('0000-01-01T00:30:00+01:00');
  });
});

forEachDatabase('canonical ids and times end to end', (target) => {
  let kit: TestKit;
  const UPPER_TENANT = '0F8FAD5B-D9CB-469F-A165-70867728950E';
  beforeEach(async () => {
    kit = await createTestKit({ modules: [ordersModule, canonicalModule], databaseUrl: target.url, context: { tenantId: UPPER_TENANT } });
  });
  afterEach(() => kit.close());

  it('an upper-case tenant in the context reaches the worker lower-cased, recorded, not dead-lettered', async () => {
    const actor = uuidv4().toUpperCase();
    await kit.run(() => kit.resolve(OrderService).place(5), { actorUserId: actor, correlationId: actor });
    await kit.settle();
    expect(await kit.bus.deadLetters()).to.deep.equal([]);
    const [placed] = kit.events.ofType('TEST_ORDER_PLACED');
    expect(placed.tenantId).to.equal(UPPER_TENANT.toLowerCase());
    expect(placed.payload).to.include({ tenantId: UPPER_TENANT.toLowerCase(), actorUserId: actor.toLowerCase() });
    expect(placed.actorUserId).to.equal(actor.toLowerCase());
    expect(placed.correlationId).to.equal(actor.toLowerCase());
    const rows = await kit.db('workflow_runtime_events').select('event_id', 'status', 'tenant');
    expect(rows.map((r) => [r.status, r.tenant])).to.deep.equal([
      ['processed', UPPER_TENANT.toLowerCase()],
      ['processed', UPPER_TENANT.toLowerCase()],
    ]);
  });

  it('every uuid and date-time field, nested ones and array items included, is canonical in the outbox and on the bus', async () => {
    const [a, b, c] = [uuidv4(), uuidv4(), uuidv4()].map((u) => u.toUpperCase());
    await kit.run(() =>
      kit.runtime.resolve(CanonicalFormsService).record({
        ref: a,
        due: '2026-03-01T01:30:00+02:00',
        occurredAt: '2026-02-28T20:00:00.5-04:00',
        label: 'KEEP-ME-AS-IS',
        route: { crew: [b, c], stops: [{ who: c, at: '2026-03-01T00:00:00+01:00', note: 'AB-CD' }] },
      }),
    );
    await kit.settle();
    const [envelope] = kit.events.ofType('TEST_CANONICAL_FORMS');
    const expected = {
      ref: a.toLowerCase(),
      due: '2026-02-28T23:30:00Z',
      occurredAt: '2026-03-01T00:00:00.5Z',
      label: 'KEEP-ME-AS-IS',
      route: { crew: [b.toLowerCase(), c.toLowerCase()], stops: [{ who: c.toLowerCase(), at: '2026-02-28T23:00:00Z', note: 'AB-CD' }] },
    };
    expect(envelope.payload).to.deep.include(expected);
    expect(envelope.occurredAt).to.equal('2026-03-01T00:00:00.5Z');
    const [wire] = kit.bus.log.filter((e) => e.fields.event_id === envelope.id);
    expect(wire.fields.timestamp).to.equal('2026-03-01T00:00:00.5Z');
    expect(JSON.parse(wire.fields.payload_json)).to.deep.include(expected);
    const row = await kit.db('workflow_runtime_events').where({ event_id: envelope.id }).first();
    expect(row.status).to.equal('processed');
  });
});
