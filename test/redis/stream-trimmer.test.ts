import { expect } from 'chai';
import { RedisStreamsBus } from '../../lib/bus/redis-streams-bus';
import { safeTrimId, StreamTrimmer } from '../../lib/bus/stream-trimmer';
import { invoiceFinalized } from './support/envelopes';
import { describeWithRedis, eventually } from './support/redis';

describeWithRedis('stream trimming', ({ url, stream, admin }) => {
  let bus: RedisStreamsBus;
  const publish = (n: number) => bus.publish(Array.from({ length: n }, () => invoiceFinalized()));
  const ids = async () => (await admin().xrange(bus.stream, '-', '+')).map(([id]) => id);
  /** Reads `count` entries as `consumer` and acknowledges the first `acked` of them. */
  const read = async (group: string, count: number, acked: number) => {
    const reply = (await admin().xreadgroup('GROUP', group, 'c', 'COUNT', count, 'STREAMS', bus.stream, '>')) as Array<[string, Array<[string]>]>;
    const got = reply[0][1].map(([id]) => id);
    if (acked) await admin().xack(bus.stream, group, ...got.slice(0, acked));
    return got;
  };

  beforeEach(() => {
    bus = new RedisStreamsBus({ url, stream: stream(), trimIntervalMs: 0 });
  });
  afterEach(() => bus.close());

  it('leaves a stream without consumer groups alone: a group created later reads it from the start', async () => {
    await publish(5);
    expect(await safeTrimId(admin(), bus.stream)).to.equal(undefined);
    expect(await bus.trim()).to.equal(0);
    expect(await admin().xlen(bus.stream)).to.equal(5);
  });

  it('removes only acknowledged entries: pending and unread ones stay', async () => {
    const all = await publish(10);
    await admin().xgroup('CREATE', bus.stream, 'g', '0');
    await read('g', 6, 3); // 0-2 acknowledged, 3-5 pending, 6-9 unread
    expect(await bus.trim()).to.equal(3);
    expect(await ids()).to.deep.equal(all.slice(3));
  });

  it('removes everything delivered and acknowledged, and nothing published since', async () => {
    const all = await publish(4);
    await admin().xgroup('CREATE', bus.stream, 'g', '0');
    await read('g', 4, 4);
    const later = await publish(2);
    expect(await bus.trim()).to.equal(4);
    expect(await ids()).to.deep.equal(later);
    expect(all).to.have.length(4);
  });

  it('keeps what the slowest group still needs, including a group that has read nothing', async () => {
    const all = await publish(8);
    await admin().xgroup('CREATE', bus.stream, 'fast', '0');
    await admin().xgroup('CREATE', bus.stream, 'slow', '0');
    await read('fast', 8, 8);
    expect(await bus.trim()).to.equal(0);
    await read('slow', 5, 2); // slow: 0-1 acknowledged, 2-4 pending
    expect(await bus.trim()).to.equal(2);
    expect(await ids()).to.deep.equal(all.slice(2));
  });

  it('an entry retried by the consumer (pending, redelivered) is never trimmed', async () => {
    const seenBy: string[] = [];
    const sub = bus.subscribe('g', async (e) => {
      seenBy.push(e.id);
      return e.deliveries < 2 ? { kind: 'retry', reason: { code: 'X', message: 'later' } } : { kind: 'ack' };
    }, { blockMs: 100, claimIdleMs: 400 });
    const [first, ...rest] = await publish(3);
    await eventually(() => seenBy.length >= 3);
    await bus.trim();
    expect((await ids())[0]).to.equal(first);
    await eventually(() => seenBy.length >= 6, 5000, 'redeliveries');
    await sub.stop();
    await bus.trim();
    expect(await ids()).to.deep.equal([]);
    expect(rest).to.have.length(2);
  });

  it('StreamTrimmer trims periodically', async () => {
    await publish(3);
    await admin().xgroup('CREATE', bus.stream, 'g', '0');
    await read('g', 3, 3);
    const trimmer = new StreamTrimmer(admin(), bus.stream, 50);
    trimmer.start();
    try {
      await eventually(async () => (await admin().xlen(bus.stream)) === 0, 3000, 'periodic trim');
    } finally {
      await trimmer.stop();
    }
  });
});
