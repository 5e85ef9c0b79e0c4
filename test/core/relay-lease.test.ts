import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { container } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { InMemoryBus } from '../../lib/bus/memory-bus';
import { withEmissionContext } from '../../lib/emission/emission-context';
import { EventRuntime } from '../../lib/runtime/event-runtime';
import { createDatabase } from '../../lib/uow/database';
import { OrderService, ordersModule } from '../fixtures/orders';

/** Issue 10.11: a server and a CLI on one SQLite file (two connections, two relays) publish each row once. */
describe('one relay per SQLite file', () => {
  let dir: string;
  let runtimes: EventRuntime[];
  const open = () => {
    const db = createDatabase({ filename: path.join(dir, 'wfe.sqlite') });
    return new EventRuntime({ db, bus: new InMemoryBus(), container: container.createChildContainer(), modules: [ordersModule], relay: { pollIntervalMs: 50 } });
  };
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfe-lease-'));
    runtimes = [open(), open()];
    await runtimes[0].migrate();
  });
  afterEach(async () => {
    for (const r of runtimes) {
      await r.stop();
      await r.db.destroy();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const published = () => runtimes.flatMap((r) => (r.bus as InMemoryBus).log.map((e) => e.fields.event_id));

  it('two relays draining at once publish every row exactly once; the second takes over when the first stops', async () => {
    const [a, b] = runtimes;
    const orders = a.resolve(OrderService);
    await withEmissionContext({ tenantId: uuidv4() }, async () => {
      for (let i = 0; i < 30; i++) await orders.place(i);
    });
    await Promise.all([a.relay.drain(), b.relay.drain(), a.relay.drain(), b.relay.drain()]);
    const ids = published();
    expect(ids).to.have.length(60); // two events per order
    expect(new Set(ids).size, 'no row published twice').to.equal(60);
    expect((b.bus as InMemoryBus).log, 'the second relay stood by').to.have.length(0);

    // The holder stops (gives up its lease): the other relay publishes what comes next.
    a.start();
    await a.stop();
    await withEmissionContext({ tenantId: uuidv4() }, () => orders.place(99));
    await b.relay.drain();
    expect((b.bus as InMemoryBus).log).to.have.length(2);
  });

  it("a crashed holder's lease expires and another relay takes over", async () => {
    const [a, b] = runtimes;
    expect(await a.outbox.holdsRelayLease('crashed-relay', 100)).to.equal(true);
    expect(await b.outbox.holdsRelayLease(b.relay.id, 5000), 'held by the crashed relay').to.equal(false);
    await new Promise((r) => setTimeout(r, 150));
    expect(await b.outbox.holdsRelayLease(b.relay.id, 5000)).to.equal(true);
    expect(await a.outbox.holdsRelayLease('crashed-relay', 100), 'renewed by the new holder, not taken back').to.equal(false);
  });
});
