import { expect } from 'chai';
import { EFFECTS_CONFIG } from './support/processes';
import { describeFault, expectNothingLost, RELAY_ARGS, WORKER_ARGS } from './support/fault-suite';

describeFault('fault: two relays and three workers on one stream', (fresh) => {
  it('delivers every committed event exactly once, shares the work, trims, and stops gracefully', async () => {
    const env = await fresh();
    const started = await Promise.all([
      env.processes.start('relay-1', [...RELAY_ARGS, '--batch-size', '20']),
      env.processes.start('relay-2', [...RELAY_ARGS, '--batch-size', '20']),
      ...[1, 2, 3].map((i) => env.processes.start(`worker-${i}`, [...WORKER_ARGS, '--batch-size', '5', '--claim-idle', '5000'], { config: EFFECTS_CONFIG })),
    ]);

    await env.businessActions(240, { concurrency: 6 });
    await env.settled();

    const audit = await env.audit();
    const workers = await env.count('select count(distinct worker_pid) n from fault_effects');
    const relays = await env.count(`select count(*) n from event_outbox where published_at is not null`);
    const exits = await Promise.all(started.map((p) => env.processes.kill(p, 'SIGTERM')));
    const left = await env.redis.xlen(env.stream);
    env.report('2 relays + 3 workers', audit, `; workers that applied effects: ${workers}; entries left after trimming: ${left}`);
    expectNothingLost(audit);
    expect(relays).to.equal(audit.sent);
    expect(workers, 'work shared between workers').to.be.greaterThan(1);
    expect(left, 'acknowledged entries trimmed').to.be.below(audit.sent);
    expect(exits.map((e) => e.code), 'graceful exit on SIGTERM').to.deep.equal([0, 0, 0, 0, 0]);
  });
});
