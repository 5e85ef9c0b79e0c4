import { AssertionError, expect } from 'chai';
import sinon from 'sinon';
import { DomainEventDefinition, EmitterDefinition, schemaRefFor, UuidField } from '../../decorators';
import { EventEnvelope } from '../../lib/bus/envelope';
import { EventBus } from '../../lib/bus/event-bus';
import { fromWireFields } from '../../lib/bus/wire';
import { assembleCatalog } from '../../lib/catalog/assemble';
import { CatalogConsistencyError, findCatalogProblems } from '../../lib/catalog/consistency';
import { OutboxRow, OutboxStore } from '../../lib/outbox/outbox-store';
import { OutboxRelay } from '../../lib/outbox/relay';
import { SchemaRegistry } from '../../lib/schema/registry';
import { createTestKit, TestKit } from '../../lib/testing';
import { EventRecorder } from '../../lib/testing/event-recorder';
import { OrderService, ordersModule, TestOrderPlacedPayload } from '../fixtures/orders';
import { forEachDatabase } from '../support/databases';

/** Holes a mutation run (npm run mutation) showed: each test here kills mutants that survived before. */

forEachDatabase('relay: what reaches the bus is what was staged', (target) => {
  let kit: TestKit;
  afterEach(() => kit.close());

  it('every envelope field survives outbox → relay → wire: actor, correlation, causation, trace, name', async () => {
    kit = await createTestKit({ modules: [ordersModule], databaseUrl: target.url });
    await kit.run(() => kit.resolve(OrderService).place(5), {
      correlationId: 'corr-7',
      causationId: '0190a5e4-1111-7aaa-8bbb-123456789abc',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    await kit.settle();
    const staged = kit.events.all;
    expect(staged).to.have.length(2);
    const onBus = kit.bus.log.map((e) => fromWireFields(e.fields));
    expect(onBus).to.deep.equal(staged);
    expect(onBus[0]).to.include({ actorUserId: kit.actorUserId, correlationId: 'corr-7', eventName: 'Test Order Placed' });
  });
});

describe('relay: poller, back-off, start and stop (fake clock, no database)', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => (clock = sinon.useFakeTimers({ now: 1_000_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] })));
  afterEach(() => clock.restore());

  const row = (seq: number): OutboxRow => ({ seq, attempts: 0, envelope: { id: `e${seq}`, eventType: 'X', schemaRef: 'payload.X.v1', tenantId: 't', occurredAt: 'now', payload: {} } });

  /** A store whose rows are `pending`; records when each drain happened. */
  function fakeStore(pending: OutboxRow[]) {
    const drains: number[] = [];
    const store = {
      drains,
      holdsRelayLease: async () => true,
      releaseRelayLease: async () => undefined,
      lastPublishedStreamId: async () => undefined,
      requeueLost: async () => 0,
      drainBatch: async (limit: number, publish: (rows: OutboxRow[]) => Promise<string[] | void>) => {
        drains.push(Date.now());
        const rows = pending.slice(0, limit);
        if (!rows.length) return 0;
        await publish(rows);
        pending.splice(0, rows.length);
        return rows.length;
      },
    };
    return store;
  }
  const bus = (publish: (batch: EventEnvelope[]) => Promise<string[]>) => ({ kind: 'fake', publish }) as unknown as EventBus;

  it('backs off 20, 40, 80, 160 ms… capped at maxBackoffMs, then polls at pollIntervalMs once publishing works', async () => {
    let failing = true;
    const store = fakeStore([row(1)]);
    const errors: string[] = [];
    const relay = new OutboxRelay(store as unknown as OutboxStore, bus(async () => (failing ? Promise.reject(new Error('down')) : [])), {
      backoffMs: 20,
      maxBackoffMs: 100,
      pollIntervalMs: 1000,
      onError: (e) => errors.push(e.message),
    });
    relay.start();
    await clock.tickAsync(20 + 40 + 80 + 100 + 100 + 1);
    const gaps = store.drains.slice(1).map((t, i) => t - store.drains[i]);
    expect(gaps).to.deep.equal([20, 40, 80, 100, 100]);
    expect(errors).to.deep.equal(['down', 'down', 'down', 'down', 'down', 'down']);
    failing = false;
    await clock.tickAsync(100); // the next attempt (at +440 ms) succeeds
    const recovered = store.drains.length;
    await clock.tickAsync(998);
    expect(store.drains.length, 'no drain before the poll interval').to.equal(recovered);
    await clock.tickAsync(1);
    expect(store.drains.length).to.equal(recovered + 1);
    await relay.stop();
  });

  it('start() twice starts one loop; stop() waits for the drain in hand and nothing runs after it', async () => {
    const store = fakeStore([row(1), row(2)]);
    let release!: () => void;
    const published: string[] = [];
    const relay = new OutboxRelay(
      store as unknown as OutboxStore,
      bus(async (batch) => {
        await new Promise<void>((r) => (release = r));
        published.push(...batch.map((e) => e.id));
        return [];
      }),
      { pollIntervalMs: 50 },
    );
    relay.start();
    relay.start();
    await clock.tickAsync(0);
    expect(store.drains, 'one drain for two starts').to.have.length(1);
    let stopped = false;
    const stopping = relay.stop().then(() => (stopped = true));
    await clock.tickAsync(0);
    expect(stopped, 'stop waits for the publish in flight').to.equal(false);
    release();
    await stopping;
    expect(published).to.deep.equal(['e1', 'e2']);
    const drains = store.drains.length;
    relay.wake();
    await clock.tickAsync(500);
    expect(store.drains.length, 'a stopped relay neither polls nor wakes').to.equal(drains);
  });

  it('holds the SQLite relay lease for five poll intervals, at least 5 s, and gives it up on stop', async () => {
    const store = fakeStore([]);
    const held = sinon.spy(store, 'holdsRelayLease');
    const released = sinon.spy(store, 'releaseRelayLease');
    for (const [poll, ttl] of [[50, 5000], [2000, 10_000]]) {
      const relay = new OutboxRelay(store as unknown as OutboxStore, bus(async () => []), { pollIntervalMs: poll });
      await relay.drain();
      expect(held.lastCall.args).to.deep.equal([relay.id, ttl]);
      relay.start();
      await relay.stop();
      expect(released.lastCall.args).to.deep.equal([relay.id]);
    }
  });

  it('wake-ups during a drain fold into one more pass', async () => {
    const store = fakeStore([row(1)]);
    let release!: () => void;
    const relay = new OutboxRelay(store as unknown as OutboxStore, bus(() => new Promise((r) => (release = () => r([])))), { pollIntervalMs: 10_000 });
    relay.start();
    await clock.tickAsync(0);
    relay.wake();
    relay.wake();
    relay.wake();
    release();
    await clock.tickAsync(0);
    await clock.tickAsync(0);
    expect(store.drains).to.have.length(2);
    await relay.stop();
  });
});

describe('catalog consistency: each base field, and the error itself', () => {
  const def = (type: string, payloadClass: Function): DomainEventDefinition => ({
    type,
    category: 'Testing',
    name: type,
    description: 'fixture',
    version: 1,
    status: 'emitted',
    schemaRef: schemaRefFor(type, 1),
    payloadClass,
  });
  const emitter = (eventType: string): EmitterDefinition => {
    class FixtureService {}
    return { eventType, mapper: () => undefined, serviceClass: FixtureService, method: 'act' };
  };
  class OnlyTenant {
    @UuidField() tenantId!: string;
  }
  class OptionalTime {
    @UuidField() tenantId!: string;
    @UuidField({ optional: true }) occurredAt?: string;
  }
  class OnlyTime {
    @UuidField() occurredAt!: string;
  }

  for (const cls of [OnlyTenant, OptionalTime, OnlyTime]) {
    it(`MISSING_BASE_FIELDS for ${cls.name}`, () => {
      const type = `H_${cls.name.toUpperCase()}`;
      const problems = findCatalogProblems(new SchemaRegistry([def(type, cls)]), [emitter(type)]);
      expect(problems).to.deep.equal([
        { code: 'MISSING_BASE_FIELDS', eventType: type, message: `${cls.name} (${schemaRefFor(type, 1)}) must require tenantId and occurredAt (extend DomainPayload)` },
      ]);
    });
  }

  it('the error carries its code, every problem and a message listing them', () => {
    const err = (() => {
      try {
        assembleCatalog(new SchemaRegistry([def('J_ONE', OnlyTenant)]), []);
      } catch (e) {
        return e as CatalogConsistencyError;
      }
    })()!;
    expect(err).to.be.instanceOf(CatalogConsistencyError);
    expect(err.code).to.equal('CATALOG_INCONSISTENT');
    expect(err.name).to.equal('CatalogConsistencyError');
    expect(err.problems.map((p) => p.code)).to.deep.equal(['NO_EMITTER', 'MISSING_BASE_FIELDS']);
    expect(err.message).to.equal(
      'Event catalog has 2 problem(s):\n' +
        '  - [NO_EMITTER] J_ONE (emitted) has no @EmitsEvent emitter\n' +
        `  - [MISSING_BASE_FIELDS] OnlyTenant (payload.JOne.v1) must require tenantId and occurredAt (extend DomainPayload)`,
    );
  });
});

describe('chai plugin: guards', () => {
  const validator = { validate: (ref: string, p: unknown) => (ref === 'bad' ? { ok: false as const, issues: [{ field: 'total', constraint: 'isInt', message: 'x' }] } : { ok: true as const, value: p as Record<string, unknown> }) };
  const envelope = (schemaRef: string): EventEnvelope => ({ id: 'e', eventType: 'A', schemaRef, tenantId: 't', occurredAt: 'now', payload: { total: 'lots' } });

  it('refuses to assert on a recorder holding a schema-invalid event, naming it', () => {
    const recorder = new EventRecorder(validator as never);
    recorder.record([envelope('good')]);
    expect(recorder).to.have.emitted('A');
    recorder.record([envelope('bad')]);
    expect(() => expect(recorder).to.have.emitted('A')).to.throw(Error, 'recorded A payload fails its schema: total [isInt]');
    expect(() => expect(recorder).to.have.emittedInOrder(['A'])).to.throw(Error, /fails its schema/);
  });

  it('refuses what is neither a recorder nor an array, and withPayload/times without emitted', () => {
    expect(() => expect({}).to.have.emitted('A')).to.throw(TypeError, 'expected an EventRecorder (kit.events) or an array of envelopes');
    expect(() => expect([]).to.withPayload({})).to.throw(Error, 'withPayload() follows emitted(eventType)');
    expect(() => expect([]).to.times(1)).to.throw(Error, 'times() follows emitted(eventType)');
  });

  it('negated assertions fail with their own messages', () => {
    const events = [envelope('good')];
    expect(() => expect(events).to.have.emitted('A').not.withPayload({ total: 'lots' })).to.throw(AssertionError, 'expected no A with payload containing {"total":"lots"}, but got:\n  A {"total":"lots"}');
    expect(() => expect(events).to.have.emitted('A').not.times(1)).to.throw(AssertionError, 'expected A not to have been emitted 1 time(s)');
    expect(() => expect(events).not.to.have.emittedInOrder(['A'])).to.throw(AssertionError, 'expected events not to be in order A');
    expect(() => expect(events).not.to.have.emitted('A', { total: 'lots' })).to.throw(AssertionError, 'expected A with payload containing {"total":"lots"} not to have been emitted, but got:\n  A {"total":"lots"}');
    expect(() => expect([]).to.have.emitted('A')).to.throw(AssertionError, 'expected A to have been emitted, but got:\n  nothing');
    expect(() => expect([]).to.have.emittedInOrder(['A'])).to.throw(AssertionError, 'but the emitted sequence was empty');
  });
});
