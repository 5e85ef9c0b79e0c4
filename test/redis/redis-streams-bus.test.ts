import { expect } from 'chai';
import { EntryOutcome, StreamEntry, Subscription } from '../../lib/bus/event-bus';
import { RedisStreamsBus } from '../../lib/bus/redis-streams-bus';
import { fromWireFields, toWireFields } from '../../lib/bus/wire';
import { invoiceFinalized } from './support/envelopes';
import { describeWithRedis, eventually } from './support/redis';

const ack: EntryOutcome = { kind: 'ack' };

describeWithRedis('RedisStreamsBus', ({ url, stream, admin }) => {
  let bus: RedisStreamsBus;
  const subs: Subscription[] = [];
  const subscribe = (...args: Parameters<RedisStreamsBus['subscribe']>) => {
    const s = bus.subscribe(...args);
    subs.push(s);
    return s;
  };

  beforeEach(() => {
    bus = new RedisStreamsBus({ url, stream: stream(), trimIntervalMs: 0 });
  });
  afterEach(async () => {
    await Promise.all(subs.splice(0).map((s) => s.stop()));
    await bus.close();
  });

  describe('publish', () => {
    it('appends one entry per event with the flat wire fields and resolves with the entry ids', async () => {
      const batch = [invoiceFinalized(), invoiceFinalized()];
      const ids = await bus.publish(batch);
      expect(ids).to.have.length(2);
      const entries = await admin().xrange(bus.stream, '-', '+');
      expect(entries.map(([id]) => id)).to.deep.equal(ids);
      const fields = Object.fromEntries(entries[0][1].reduce<string[][]>((acc, v, i) => (i % 2 ? (acc[acc.length - 1].push(v), acc) : [...acc, [v]]), []));
      expect(fields).to.deep.equal(toWireFields(batch[0]));
      expect(fromWireFields(fields)).to.deep.include({ id: batch[0].id, eventType: 'INVOICE_FINALIZED', tenantId: batch[0].tenantId });
    });

    it('rejects when any XADD of the batch fails', async () => {
      await admin().set(bus.stream, 'not a stream');
      const err = await bus.publish([invoiceFinalized()]).catch((e) => e);
      expect(err).to.be.instanceOf(Error);
      expect(err.message).to.match(/WRONGTYPE/);
    });

    it('rejects quickly instead of queueing when Redis is unreachable', async () => {
      const down = new RedisStreamsBus({ url: 'redis://127.0.0.1:1', stream: 'nowhere', readyTimeoutMs: 300 });
      const started = Date.now();
      const err = await down.publish([invoiceFinalized()]).catch((e) => e);
      await down.close();
      expect(err).to.be.instanceOf(Error);
      expect(Date.now() - started).to.be.below(2000);
    });
  });

  describe('subscribe', () => {
    it('creates the group before anything was published and delivers each entry once, acknowledged', async () => {
      const seen: StreamEntry[] = [];
      subscribe('g1', async (e) => (seen.push(e), ack), { blockMs: 200 });
      await eventually(async () => (await admin().exists(bus.stream)) === 1, 3000, 'MKSTREAM');
      const ids = await bus.publish([invoiceFinalized(), invoiceFinalized(), invoiceFinalized()]);
      await eventually(() => seen.length === 3);
      expect(seen.map((e) => e.id)).to.deep.equal(ids);
      expect(seen.every((e) => e.deliveries === 1)).to.equal(true);
      const [pending] = (await admin().xpending(bus.stream, 'g1')) as [number];
      expect(Number(pending)).to.equal(0);
    });

    it('gives every consumer group every entry, and shares a group between its consumers', async () => {
      const a: string[] = [];
      const b1: string[] = [];
      const b2: string[] = [];
      subscribe('a', async (e) => (a.push(e.id), ack), { blockMs: 200 });
      subscribe('b', async (e) => (b1.push(e.id), ack), { blockMs: 200, batchSize: 1 });
      subscribe('b', async (e) => (b2.push(e.id), ack), { blockMs: 200, batchSize: 1 });
      await eventually(async () => ((await admin().xinfo('GROUPS', bus.stream).catch(() => [])) as unknown[]).length === 2, 3000, 'groups');
      const ids = await bus.publish(Array.from({ length: 20 }, () => invoiceFinalized()));
      await eventually(() => a.length === 20 && b1.length + b2.length === 20);
      expect(a).to.deep.equal(ids);
      expect([...b1, ...b2].sort()).to.deep.equal([...ids].sort());
    });

    it('handles up to `concurrency` entries of a batch at once and acknowledges them all', async () => {
      let running = 0;
      let peak = 0;
      let done = 0;
      subscribe('g', async () => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 50));
        running--;
        done++;
        return ack;
      }, { blockMs: 100, batchSize: 8, concurrency: 4 });
      await eventually(async () => (await admin().exists(bus.stream)) === 1, 3000, 'MKSTREAM');
      await bus.publish(Array.from({ length: 8 }, () => invoiceFinalized()));
      await eventually(() => done === 8);
      expect(peak).to.be.within(2, 4);
      await eventually(async () => Number(((await admin().xpending(bus.stream, 'g')) as [number])[0]) === 0, 2000, 'all acknowledged');
    });

    it('redelivers a retried entry once idle, counting deliveries, then dead-letters it with its last reason', async () => {
      const deliveries: number[] = [];
      subscribe('g', async (e) => {
        deliveries.push(e.deliveries);
        return { kind: 'retry', reason: { code: 'HANDLER_FAILED', message: `attempt ${e.deliveries} failed` } };
      }, { blockMs: 100, claimIdleMs: 150, maxDeliveries: 3 });
      const [id] = await bus.publish([invoiceFinalized()]);
      const [dead] = await eventually(() => bus.deadLetters().then((d) => (d.length ? d : undefined)), 8000, 'dead letter');
      expect(deliveries).to.deep.equal([1, 2, 3]);
      expect(dead).to.deep.include({ originalId: id, deliveries: 3, reason: { code: 'HANDLER_FAILED', message: 'attempt 3 failed' } });
      const [pending] = (await admin().xpending(bus.stream, 'g')) as [number];
      expect(Number(pending)).to.equal(0);
    });

    it('dead-letters at once with the DESIGN fields and acknowledges the entry', async () => {
      subscribe('g', async () => ({ kind: 'dead-letter', reason: { code: 'INVALID_PAYLOAD', message: 'invoiceId [isUuid] must be a UUID' } }), { blockMs: 100 });
      const event = invoiceFinalized();
      const [id] = await bus.publish([event]);
      await eventually(async () => (await admin().xlen(`${bus.stream}:dlq`)) === 1);
      const [[, flat]] = await admin().xrange(`${bus.stream}:dlq`, '-', '+');
      const fields: Record<string, string> = {};
      for (let i = 0; i < flat.length; i += 2) fields[flat[i]] = flat[i + 1];
      expect(fields).to.deep.include({ ...toWireFields(event), original_id: id, error_code: 'INVALID_PAYLOAD', deliveries: '1' });
      expect(fields.error_message).to.equal('invoiceId [isUuid] must be a UUID');
      expect(Date.parse(fields.moved_at)).to.be.closeTo(Date.now(), 10_000);
      const [pending] = (await admin().xpending(bus.stream, 'g')) as [number];
      expect(Number(pending)).to.equal(0);
    });

    it('claims the pending entries of a consumer that died (XAUTOCLAIM) and counts the new delivery', async () => {
      await admin().xgroup('CREATE', bus.stream, 'g', '0', 'MKSTREAM');
      const ids = await bus.publish([invoiceFinalized(), invoiceFinalized()]);
      // A consumer reads both and dies without acknowledging.
      await admin().xreadgroup('GROUP', 'g', 'dead-consumer', 'COUNT', 10, 'STREAMS', bus.stream, '>');
      const seen: StreamEntry[] = [];
      subscribe('g', async (e) => (seen.push(e), ack), { blockMs: 100, claimIdleMs: 200, consumer: 'survivor' });
      await eventually(() => seen.length === 2, 5000, 'claimed entries');
      expect(seen.map((e) => [e.id, e.deliveries])).to.deep.equal(ids.map((id) => [id, 2]));
      const [pending] = (await admin().xpending(bus.stream, 'g')) as [number];
      expect(Number(pending)).to.equal(0);
    });

    it('dead-letters an entry delivered more than maxDeliveries times without a verdict (a crash loop)', async () => {
      await admin().xgroup('CREATE', bus.stream, 'g', '0', 'MKSTREAM');
      const [id] = await bus.publish([invoiceFinalized()]);
      await admin().xreadgroup('GROUP', 'g', 'crashed', 'STREAMS', bus.stream, '>');
      await admin().xclaim(bus.stream, 'g', 'crashed', 0, id); // second delivery, no verdict either
      let handled = 0;
      subscribe('g', async () => (handled++, ack), { blockMs: 100, claimIdleMs: 100, maxDeliveries: 2 });
      const [dead] = await eventually(() => bus.deadLetters().then((d) => (d.length ? d : undefined)), 5000, 'dead letter');
      expect(handled).to.equal(0);
      expect(dead).to.deep.include({ originalId: id, deliveries: 3 });
      expect(dead.reason.code).to.equal('MAX_DELIVERIES');
    });

    it('stop() cuts a blocked read short, finishes the entry in hand, acknowledges it and leaves the group', async () => {
      let release!: () => void;
      const entered = new Promise<void>((r) => (release = r));
      let finished = false;
      const sub = bus.subscribe('g', async () => {
        release();
        await new Promise((r) => setTimeout(r, 300));
        finished = true;
        return ack;
      }, { blockMs: 10_000, consumer: 'c1' });
      await bus.publish([invoiceFinalized()]);
      await entered;
      await sub.stop();
      expect(finished).to.equal(true);
      const [pending] = (await admin().xpending(bus.stream, 'g')) as [number];
      expect(Number(pending)).to.equal(0);
      expect(await admin().xinfo('CONSUMERS', bus.stream, 'g')).to.deep.equal([]);

      const idle = bus.subscribe('g', async () => ack, { blockMs: 10_000 });
      await new Promise((r) => setTimeout(r, 300));
      const started = Date.now();
      await idle.stop();
      expect(Date.now() - started).to.be.below(1000);
    });
  });

  describe('dead letters', () => {
    it('replays a dead letter as a new entry with the original fields and removes it from the DLQ', async () => {
      const outcomes: EntryOutcome[] = [{ kind: 'dead-letter', reason: { code: 'UNKNOWN_EVENT_TYPE', message: 'unknown' } }, ack];
      const seen: StreamEntry[] = [];
      subscribe('g', async (e) => (seen.push(e), outcomes.shift()!), { blockMs: 100 });
      const event = invoiceFinalized();
      await bus.publish([event]);
      const [dead] = await eventually(() => bus.deadLetters().then((d) => (d.length ? d : undefined)));
      expect(dead.fields).to.deep.equal(toWireFields(event));
      const newId = await bus.replayDeadLetter(dead.id);
      await eventually(() => seen.length === 2);
      expect(seen[1]).to.deep.include({ id: newId, deliveries: 1 });
      expect(seen[1].fields).to.deep.equal(toWireFields(event));
      expect(await bus.deadLetters()).to.deep.equal([]);
      const err = await bus.replayDeadLetter(dead.id).catch((e) => e);
      expect(err.message).to.match(/no dead letter/);
    });
  });
});
