import { expect } from 'chai';
import { container } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventEnvelope } from '../../lib/bus/envelope';
import { PublishOptions, StreamDataLossError } from '../../lib/bus/event-bus';
import { InMemoryBus } from '../../lib/bus/memory-bus';
import { compareStreamIds } from '../../lib/bus/redis-stream-id';
import { withEmissionContext } from '../../lib/emission/emission-context';
import { EventRuntime } from '../../lib/runtime/event-runtime';
import { createDatabase } from '../../lib/uow/database';
import { OrderService, ordersModule } from '../fixtures/orders';
import { forEachDatabase } from '../support/databases';

/**
 * A stream with Redis's continuity rule (ids `<n>-0`, a publisher's `continuityFrom` checked
 * against the last generated id) that can lose its tail, as a Redis restarted without its data.
 */
class LosableStream extends InMemoryBus {
  last = 0;
  readonly entries: Array<{ id: string; eventId: string }> = [];

  override async publish(batch: EventEnvelope[], options: PublishOptions = {}): Promise<string[]> {
    this.check(options.continuityFrom);
    return batch.map((e) => {
      const id = `${++this.last}-0`;
      this.entries.push({ id, eventId: e.id });
      return id;
    });
  }

  async verifyContinuity(from: string): Promise<void> {
    this.check(from);
  }

  /** Redis restarts from a snapshot taken after entry `keep`: later entries are gone. */
  loseAfter(keep: number): void {
    this.last = keep;
  }

  private check(from?: string): void {
    const last = `${this.last}-0`;
    if (from && compareStreamIds(last, from) < 0) throw new StreamDataLossError('fake', this.last ? last : '0-0', from);
  }
}

forEachDatabase('relay: a stream that lost published entries', (target) => {
  let runtimes: EventRuntime[];
  let schema: string | undefined;
  let bus: LosableStream;
  let dir: string;
  const losses: Array<{ lastId: string; expected: string; requeued: number }> = [];

  const open = (windowMs?: number) =>
    new EventRuntime({
      // A file, so that several runtimes (processes) share the SQLite database.
      db: createDatabase(target.url ? { url: target.url, schema } : { filename: path.join(dir, 'wfe.sqlite') }),
      bus,
      container: container.createChildContainer(),
      modules: [ordersModule],
      relay: { onDataLoss: (info) => losses.push(info), republishWindowMs: windowMs },
    });
  beforeEach(async () => {
    losses.length = 0;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfe-continuity-'));
    schema = target.url ? `wfe_test_${randomBytes(5).toString('hex')}` : undefined;
    bus = new LosableStream();
    runtimes = [open()];
    await runtimes[0].migrate();
  });
  afterEach(async () => {
    for (const r of runtimes) await r.stop();
    if (schema) await runtimes[0].db.raw(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    for (const r of runtimes) await r.db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const place = (runtime: EventRuntime, n: number) =>
    withEmissionContext({ tenantId: uuidv4() }, async () => {
      for (let i = 0; i < n; i++) await runtime.resolve(OrderService).place(i);
    });
  const streamIds = async (runtime: EventRuntime) => (await runtime.db('event_outbox').orderBy('seq').select('stream_id')).map((r) => r.stream_id);

  it('keeps each row’s entry id and finds the highest', async () => {
    const [r] = runtimes;
    await place(r, 3);
    expect(await r.outbox.lastPublishedStreamId()).to.equal(undefined);
    await r.relay.drain();
    expect(await streamIds(r)).to.deep.equal(['1-0', '2-0', '3-0', '4-0', '5-0', '6-0']);
    // Rows of several relays interleave: the highest id wins, not the last row.
    await r.db('event_outbox').where({ stream_id: '6-0' }).update({ stream_id: '10-0' });
    await r.db('event_outbox').where({ stream_id: '5-0' }).update({ stream_id: '9-0' });
    expect(await r.outbox.lastPublishedStreamId()).to.equal('10-0');
  });

  it('an idle relay notices the loss, publishes again exactly the lost rows, and reports it once', async () => {
    const [r] = runtimes;
    await place(r, 3);
    await r.relay.drain();
    bus.loseAfter(2);
    expect(await r.relay.drain()).to.equal(4);
    expect(losses).to.deep.equal([{ stream: 'fake', lastId: '2-0', expected: '6-0', requeued: 4 } as never]);
    expect(await streamIds(r)).to.deep.equal(['1-0', '2-0', '3-0', '4-0', '5-0', '6-0']);
    expect(bus.entries.slice(6).map((e) => e.eventId)).to.deep.equal(bus.entries.slice(2, 6).map((e) => e.eventId));
    expect(await r.relay.drain(), 'nothing more to do').to.equal(0);
    expect(losses).to.have.length(1);
  });

  it('a stream gone entirely (0-0): every row within the window again, older ones not; found by a publish too', async () => {
    runtimes.push(open(60_000));
    const r = runtimes[1];
    await place(r, 2);
    await r.relay.drain();
    const old = await r.db('event_outbox').where({ stream_id: '1-0' }).first('event_id');
    await r.db('event_outbox').where({ event_id: old.event_id }).update({ published_at: new Date(Date.now() - 120_000) });
    bus.loseAfter(0);
    await place(r, 1); // pending: the loss is found by its publish
    expect(await r.relay.drain()).to.equal(3 + 2);
    expect(losses.map((l) => [l.lastId, l.expected, l.requeued])).to.deep.equal([['0-0', '4-0', 3]]);
    expect(await r.outbox.pendingCount()).to.equal(0);
    // Seq order: the lost rows before the new ones.
    const order = (await r.db('event_outbox').orderBy('seq').select('event_id')).filter((row) => row.event_id !== old.event_id);
    expect(bus.entries.slice(4).map((e) => e.eventId)).to.deep.equal(order.map((row) => row.event_id));
  });

  it('the relay’s failure message is kept short (2,000 characters)', async () => {
    const [r] = runtimes;
    await place(r, 1);
    const publish = bus.publish;
    bus.publish = async () => Promise.reject(new Error('x'.repeat(5000)));
    await r.relay.drain().catch(() => undefined);
    bus.publish = publish;
    const rows = await r.db('event_outbox').select('last_error', 'attempts');
    expect(rows.map((row) => [String(row.last_error).length, Number(row.attempts)])).to.deep.equal([
      [2000, 1],
      [2000, 1],
    ]);
    expect(await r.outbox.oldestPendingAt()).to.be.instanceOf(Date);
    const oldest = await r.db('event_outbox').orderBy('seq').first('created_at');
    expect((await r.outbox.oldestPendingAt())!.getTime()).to.equal(new Date(oldest.created_at).getTime());
    await r.relay.drain();
    expect(await r.outbox.oldestPendingAt()).to.equal(null);
  });

  it('two relays draining one database at once publish each row once', async () => {
    runtimes.push(open());
    const [a, b] = runtimes;
    await place(a, 20);
    await Promise.all([a.relay.drain(), b.relay.drain(), a.relay.drain(), b.relay.drain()]);
    const ids = bus.entries.map((e) => e.eventId);
    expect(ids).to.have.length(40);
    expect(new Set(ids).size).to.equal(40);
  });
});
