import { expect } from 'chai';
import { EntryOutcome, StreamEntry, Subscription } from '../../lib/bus/event-bus';
import { LeaseShare, partitionStream } from '../../lib/bus/partition-lease';
import { RedisStreamsBus } from '../../lib/bus/redis-streams-bus';
import { invoiceFinalized } from './support/envelopes';
import { describeWithRedis, eventually } from './support/redis';

describeWithRedis('RedisStreamsBus: exclusive (partition) consumers', ({ url, stream, admin }) => {
  let bus: RedisStreamsBus;
  const subs: Subscription[] = [];
  beforeEach(() => {
    bus = new RedisStreamsBus({ url, stream: stream(), trimIntervalMs: 0 });
  });
  afterEach(async () => {
    await Promise.all(subs.splice(0).map((s) => s.stop()));
    await bus.close();
  });

  it('partition streams: the base stream alone, else a hash-tagged stream per partition', () => {
    expect(partitionStream('workflow:events:global', 0, 1)).to.equal('workflow:events:global');
    expect(partitionStream('workflow:events:global', 3, 8)).to.equal('workflow:events:global:{p3}');
  });

  it('one consumer at a time reads the stream; when it stops, the next takes over, pending entries first, in order', async () => {
    const seenA: string[] = [];
    const seenB: string[] = [];
    let holdA = true;
    const handlerA = async (e: StreamEntry): Promise<EntryOutcome> => {
      seenA.push(e.id);
      // A leaves the later entries pending (an outage): they must reach B before anything newer.
      return holdA && seenA.length > 3 ? { kind: 'defer', reason: { code: 'DOWN', message: 'down' } } : { kind: 'ack' };
    };
    const handlerB = async (e: StreamEntry): Promise<EntryOutcome> => {
      seenB.push(e.id);
      return { kind: 'ack' };
    };
    const a = bus.subscribe('g', handlerA, { consumer: 'a', blockMs: 100, claimIdleMs: 60_000, exclusive: { leaseMs: 1000 } });
    await eventually(async () => (await admin().get(`${bus.stream}:lease:g`)) === 'a', 5000, 'A holds the lease');
    const b = bus.subscribe('g', handlerB, { consumer: 'b', blockMs: 100, claimIdleMs: 60_000, exclusive: { leaseMs: 1000 } });
    subs.push(b);
    const first = await bus.publish(Array.from({ length: 6 }, () => invoiceFinalized()));
    // A acknowledges three, then meets an outage: the rest of the read stays pending with it.
    await eventually(() => seenA.includes(first[3]), 5000, 'A read the entries');
    await new Promise((r) => setTimeout(r, 300));
    expect(seenB, 'B never read while A held the lease').to.deep.equal([]);
    holdA = false;
    await a.stop();
    const later = await bus.publish([invoiceFinalized(), invoiceFinalized()]);
    await eventually(() => seenB.includes(later[1]), 8000, 'B took over');
    // A acknowledged the first three; B handled A's pending entries before the new ones, in stream order.
    expect(seenB).to.deep.equal([...first.slice(3), ...later]);
  });

  it('a process takes at most its share of partitions once the membership has settled', async () => {
    const share = new LeaseShare(`${bus.stream}:members`, 'p1', 4, 5000);
    expect(share.quota, 'nothing before the membership was read twice').to.equal(0);
    await share.refresh(admin());
    await admin().zadd(`${bus.stream}:members`, Date.now(), 'p2');
    await new Promise((r) => setTimeout(r, 1100));
    await share.refresh(admin());
    expect(share.settled).to.equal(true);
    expect(share.quota).to.equal(2);
    await share.leave(admin());
    await admin().del(`${bus.stream}:members`);
  });
});
