import { expect } from 'chai';
import sinon from 'sinon';
import { v4 as uuidv4 } from 'uuid';
import { newEventId } from '../../lib/bus/envelope';
import { DeadLetterReason, StreamEntry } from '../../lib/bus/event-bus';
import { toWireFields } from '../../lib/bus/wire';
import { createTestKit, TestKit } from '../../lib/testing';
import * as insertIfAbsentModule from '../../lib/uow/insert-if-absent';
import { isInfrastructureError } from '../../lib/worker/infrastructure-error';
import { forEachDatabase } from '../support/databases';
import { ShipmentLedger, ShipmentMailer, ShipmentService, shipmentsModule } from './support/shipments';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

forEachDatabase('worker: faults found by probing', (target) => {
  let kit: TestKit;
  let shipments: ShipmentService;
  const deadLettered: Array<{ entry: StreamEntry; reason: DeadLetterReason }> = [];
  beforeEach(async () => {
    ShipmentLedger.reset();
    deadLettered.length = 0;
    kit = await createTestKit({ modules: [shipmentsModule], databaseUrl: target.url, worker: { maxDeliveries: 2, retryDelayMs: 20 } });
    shipments = kit.resolve(ShipmentService);
    kit.runtime.worker.on('dead-lettered', (entry, outcome) => {
      expect(outcome.kind).to.equal('dead-letter');
      deadLettered.push({ entry, reason: outcome.reason });
    });
  });
  afterEach(() => kit.close());

  const count = async (table: string, where: Record<string, unknown> = {}) => Number((await kit.db(table).where(where).count({ n: '*' }))[0].n);

  describe('each handler once, on its own', () => {
    it('a sibling that fails once does not make the mailer send twice; the retry runs only the failed handler', async () => {
      ShipmentLedger.failNext = 1;
      const id = uuidv4();
      await kit.run(() => shipments.send(id));
      await kit.settle();
      expect(ShipmentMailer.sent, 'mails sent').to.deep.equal([id]);
      expect(ShipmentLedger.calls, 'ledger attempts').to.equal(2);
      expect(await count('test_shipment_ledger'), 'ledger rows (the failed attempt rolled back)').to.equal(1);
      expect(await count('event_handler_receipts')).to.equal(2);
      const [sent] = kit.events.ofType('TEST_SHIPMENT_SENT');
      const row = await kit.db('workflow_runtime_events').where({ event_id: sent.id }).first();
      expect(row).to.include({ status: 'processed', error_message: null });
      expect(deadLettered).to.deep.equal([]);
    });

    it('while a handler keeps failing the event stays failed with the reason, then is dead-lettered, and the mail went out once', async () => {
      ShipmentLedger.failNext = 100;
      const id = uuidv4();
      await kit.run(() => shipments.send(id));
      await kit.settle();
      expect(ShipmentMailer.sent).to.deep.equal([id]);
      expect(ShipmentLedger.calls).to.equal(2);
      const [sent] = kit.events.ofType('TEST_SHIPMENT_SENT');
      const row = await kit.db('workflow_runtime_events').where({ event_id: sent.id }).first();
      expect(row).to.include({ status: 'failed', error_message: 'ShipmentLedger.book: ledger rejected the booking' });
      // The dead letter of the retry path is reported like the others (and so logged by the app).
      expect(deadLettered.map((d) => [d.entry.fields.event_id, d.reason.code, d.entry.deliveries])).to.deep.equal([[sent.id, 'HANDLER_FAILED', 2]]);
    });

    it('a failure is recorded on its own event only; a success marks only its own event processed', async () => {
      const other = uuidv4();
      await kit.run(() => shipments.send(other));
      await kit.settle();
      await kit.db('workflow_runtime_events').update({ status: 'received' }); // as if an attempt was under way
      ShipmentLedger.failNext = 100;
      await kit.run(() => shipments.send(uuidv4()));
      await kit.settle();
      const [first, second] = kit.events.ofType('TEST_SHIPMENT_SENT');
      expect((await kit.db('workflow_runtime_events').where({ event_id: first.id }).first()).status).to.equal('received');
      ShipmentLedger.failNext = 0;
      await kit.bus.replayDeadLetter((await kit.bus.deadLetters())[0].id);
      await kit.settle();
      expect((await kit.db('workflow_runtime_events').where({ event_id: second.id }).first()).status).to.equal('processed');
      expect((await kit.db('workflow_runtime_events').where({ event_id: first.id }).first()).status, 'the other event untouched').to.equal('received');
    });
  });

  describe('an outage is not poison', () => {
    it('with workflow_runtime_events missing for a while, entries wait (no dead letter, maxDeliveries untouched), then every event is recorded once', async () => {
      const outages: Error[] = [];
      const recoveries: Array<{ downMs: number; deferred: number }> = [];
      kit.runtime.worker.on('outage', (err) => outages.push(err));
      kit.runtime.worker.on('recovered', (info) => recoveries.push(info));
      await kit.db.schema.renameTable('workflow_runtime_events', 'wre_away');
      const ids = Array.from({ length: 6 }, () => uuidv4());
      for (const id of ids) await kit.run(() => shipments.send(id));
      await sleep(600); // ~10 attempts at the 20 ms retry delay, maxDeliveries is 2
      expect(await kit.bus.deadLetters(), 'nothing dead-lettered during the outage').to.deep.equal([]);
      expect(outages, 'one outage reported').to.have.length(1);
      expect(isInfrastructureError(outages[0])).to.equal(true);
      expect(outages[0].message).to.match(/workflow_runtime_events/);
      expect(recoveries).to.deep.equal([]);
      await kit.db.schema.renameTable('wre_away', 'workflow_runtime_events');
      await kit.settle(10_000);
      expect(await kit.bus.deadLetters()).to.deep.equal([]);
      expect(await count('workflow_runtime_events', { status: 'processed' })).to.equal(ids.length);
      expect(ShipmentMailer.sent.sort()).to.deep.equal([...ids].sort());
      expect(outages).to.have.length(1);
      expect(recoveries, 'one recovery reported').to.have.length(1);
      expect(recoveries[0].deferred).to.be.greaterThan(1);
      expect(recoveries[0].downMs).to.be.greaterThan(500);
    });

    it('an infrastructure error thrown by a handler (connection refused) defers the event too, and only the failed handler runs again', async () => {
      ShipmentLedger.failNext = 4;
      ShipmentLedger.failWith = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ECONNREFUSED' });
      await kit.run(() => shipments.send(uuidv4()));
      await kit.settle(10_000);
      expect(await kit.bus.deadLetters()).to.deep.equal([]);
      expect(ShipmentLedger.calls).to.equal(5);
      expect(ShipmentMailer.sent).to.have.length(1);
      expect(await count('workflow_runtime_events', { status: 'processed' })).to.equal(1);
    });
  });

  describe('start, stop, and errors that are neither outages nor handler failures', () => {
    it('start() twice subscribes once, in the default group; stop() ends the subscription', async () => {
      await kit.runtime.stop();
      const subscribe = sinon.spy(kit.bus, 'subscribe');
      kit.runtime.worker.start();
      kit.runtime.worker.start();
      expect(subscribe.callCount).to.equal(1);
      expect(subscribe.firstCall.args[0]).to.equal('workflow-runtime-v2');
      await kit.runtime.worker.stop();
      await kit.runtime.worker.stop();
      subscribe.restore();
      // Nobody reads any more: the bus keeps the entry unread.
      await kit.run(() => shipments.send(uuidv4()));
      await kit.runtime.relay.drain();
      expect(ShipmentMailer.sent).to.deep.equal([]);
      expect(kit.bus.isIdle()).to.equal(true);
    });

    it('a database error that is not an outage (a constraint) counts as a failed delivery and is dead-lettered with its message', async () => {
      const insert = sinon.stub(insertIfAbsentModule, 'insertIfAbsent').callThrough();
      insert.withArgs(sinon.match.any, 'workflow_runtime_events').rejects(Object.assign(new Error('new row violates check constraint "status_check"'), { code: '23514' }));
      try {
        await kit.run(() => shipments.send(uuidv4()));
        await kit.settle();
      } finally {
        insert.restore();
      }
      const dead = await kit.bus.deadLetters();
      expect(dead.map((d) => [d.reason.code, d.deliveries, d.reason.message])).to.deep.equal([['HANDLER_FAILED', 2, 'new row violates check constraint "status_check"']]);
      expect(deadLettered.map((d) => d.reason.code)).to.deep.equal(['HANDLER_FAILED']);
    });
  });

  describe('stream entries refused at once, for the right reason', () => {
    let good: ReturnType<typeof toWireFields>;
    beforeEach(async () => {
      await kit.run(() => shipments.send(uuidv4()));
      await kit.settle();
      good = toWireFields(kit.events.ofType('TEST_SHIPMENT_SENT')[0]);
    });
    const payload = () => JSON.parse(good.payload_json);
    const push = async (...entries: Array<Record<string, string>>) => {
      for (const f of entries) kit.bus.log.push({ id: `probe-${kit.bus.log.length}`, fields: f });
      await kit.bus.publish([]);
      await kit.settle();
    };
    const deadCodes = async () => (await kit.bus.deadLetters()).map((d) => [d.reason.code, d.deliveries, d.reason.message]);

    it('event_id that is not a UUID: BAD_ENVELOPE on the first delivery, no SQL in the reason', async () => {
      await push({ ...good, event_id: 'not-a-uuid' }, { ...good, event_id: newEventId(), tenant: 'ACME' }, { ...good, event_id: newEventId(), timestamp: 'yesterday' });
      expect(await deadCodes()).to.deep.equal([
        ['BAD_ENVELOPE', 1, 'event_id must be a UUID, got "not-a-uuid"'],
        ['BAD_ENVELOPE', 1, 'tenant must be a UUID, got "ACME"'],
        ['BAD_ENVELOPE', 1, 'timestamp must be an RFC 3339 date-time, got "yesterday"'],
      ]);
    });

    it('a timestamp that differs from payload.occurredAt is refused (the same instant written with an offset is not)', async () => {
      const p = payload();
      const sameInstant = new Date(Date.parse(p.occurredAt)).toISOString().replace('Z', '+00:00');
      await push(
        { ...good, event_id: newEventId(), timestamp: '2020-01-01T00:00:00Z' },
        { ...good, event_id: newEventId(), timestamp: sameInstant },
      );
      const dead = await deadCodes();
      expect(dead).to.have.length(1);
      expect(dead[0][0]).to.equal('TIMESTAMP_MISMATCH');
      expect(dead[0][2]).to.match(/envelope timestamp 2020-01-01T00:00:00Z differs from payload occurredAt/);
    });

    it('the same event_id with a different payload is a conflict, dead-lettered; the same payload again is a duplicate', async () => {
      const duplicates: string[] = [];
      kit.runtime.worker.on('duplicate', (e) => duplicates.push(e.id));
      const p = payload();
      // Keys in another order are the same payload.
      const reordered = JSON.stringify(Object.fromEntries(Object.entries(p).reverse()));
      await push({ ...good, payload_json: reordered }, { ...good, payload_json: JSON.stringify({ ...p, carrier: 'UPS' }) });
      expect(duplicates).to.deep.equal([good.event_id]);
      expect(await deadCodes()).to.deep.equal([['EVENT_ID_CONFLICT', 1, `event id ${good.event_id} is already recorded with a different payload`]]);
      const row = await kit.db('workflow_runtime_events').where({ event_id: good.event_id }).first();
      expect(JSON.parse(typeof row.payload === 'string' ? row.payload : JSON.stringify(row.payload)).carrier).to.equal('DHL');
      expect(ShipmentMailer.sent).to.have.length(1);
    });

    it('a conflict names what differs: tenant, or several issues of one payload joined', async () => {
      const p = payload();
      const otherTenant = '00000000-0000-4000-8000-000000000001';
      await push(
        { ...good, tenant: otherTenant, payload_json: JSON.stringify({ ...p, tenantId: otherTenant }) },
        { ...good, event_id: newEventId(), payload_json: JSON.stringify({ ...p, carrier: 7, shipmentId: 'x' }) },
      );
      const dead = await deadCodes();
      expect(dead[0]).to.deep.equal(['EVENT_ID_CONFLICT', 1, `event id ${good.event_id} is already recorded with a different tenant (${kit.tenantId})`]);
      expect(dead[1][0]).to.equal('INVALID_PAYLOAD');
      expect(String(dead[1][2]).split('; ').map((m) => m.split(' ')[0]).sort()).to.deep.equal(['carrier', 'shipmentId']);
    });

    it('NUL characters, lone surrogates and nesting past the limit: INVALID_PAYLOAD at once, naming the field', async () => {
      const deep = '{"a":'.repeat(5000) + '"x"' + '}'.repeat(5000);
      await push(
        { ...good, event_id: newEventId(), payload_json: JSON.stringify({ ...payload(), carrier: 'D\u0000HL' }) },
        { ...good, event_id: newEventId(), payload_json: JSON.stringify({ ...payload(), carrier: 'D\ud800HL' }) },
        { ...good, event_id: newEventId(), payload_json: JSON.stringify({ ...payload(), carrier: '@deep@' }).replace('"@deep@"', deep) },
      );
      const dead = await deadCodes();
      expect(dead.map((d) => [d[0], d[1]]), JSON.stringify(dead).slice(0, 600)).to.deep.equal([
        ['INVALID_PAYLOAD', 1],
        ['INVALID_PAYLOAD', 1],
        ['INVALID_PAYLOAD', 1],
      ]);
      expect(dead[0][2]).to.match(/^carrier \[noNulCharacter\]/);
      expect(dead[1][2]).to.match(/^carrier \[wellFormedUnicode\]/);
      expect(dead[2][2]).to.match(/\[maxDepth\] nested more than 32 levels deep/);
      expect(await count('workflow_runtime_events')).to.equal(1);
    });

    it('every dead letter is reported, whichever path decided it', async () => {
      ShipmentLedger.failNext = 100;
      await kit.run(() => shipments.send(uuidv4()));
      await push({ ...good, event_id: 'nope' });
      const dead = await kit.bus.deadLetters();
      expect(dead.map((d) => d.reason.code).sort()).to.deep.equal(['BAD_ENVELOPE', 'HANDLER_FAILED']);
      expect(deadLettered.map((d) => d.reason.code).sort()).to.deep.equal(['BAD_ENVELOPE', 'HANDLER_FAILED']);
    });
  });
});

describe('infrastructure errors by kind', () => {
  it('tells outages from handler and payload failures', () => {
    const err = (message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), extra);
    const infrastructure = [
      err('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }),
      err('terminating connection due to administrator command', { code: '57P01' }),
      err('the database system is starting up', { code: '57P03' }),
      err('could not connect', { code: '08006' }),
      err('relation "workflow_runtime_events" does not exist', { code: '42P01' }),
      err('unable to open database file', { code: 'SQLITE_CANTOPEN' }),
      err('insert into `x` - no such table: x', { code: 'SQLITE_ERROR' }),
      err('Knex: Timeout acquiring a connection. The pool is probably full.', { name: 'KnexTimeoutError' }),
      err('Connection terminated unexpectedly'),
      err('Command timed out'),
      err('wrapped', { cause: err('read ECONNRESET', { code: 'ECONNRESET' }) }),
      new AggregateError([err('connect ECONNREFUSED ::1:5432', { code: 'ECONNREFUSED' })], 'all failed'),
    ];
    const notInfrastructure = [
      err('ledger rejected the booking'),
      err('duplicate key value violates unique constraint', { code: '23505' }),
      err('invalid input syntax for type uuid', { code: '22P02' }),
      err('near "selec": syntax error', { code: 'SQLITE_ERROR' }),
      err('deadlock detected', { code: '40P01' }),
      undefined,
      'a string',
    ];
    for (const e of infrastructure) expect(isInfrastructureError(e), (e as Error).message).to.equal(true);
    for (const e of notInfrastructure) expect(isInfrastructureError(e), String((e as Error)?.message ?? e)).to.equal(false);
  });
});
