import { expect } from 'chai';
import { EFFECTS_CONFIG } from './support/processes';
import { RedisServer } from './support/redis-server';
import { describeFault, expectNothingLost, RELAY_ARGS, until, WORKER_ARGS } from './support/fault-suite';

/** Issue 10.7: Redis restarts without its data while the worker is stopped. */
describeFault('fault: Redis loses its data while the worker is stopped', (fresh) => {
  let redis: RedisServer | undefined;
  afterEach(async () => {
    await redis?.stop();
    redis = undefined;
  });

  it('the relay notices the stream lost published entries and publishes them again; every event is recorded once', async () => {
    redis = await RedisServer.start();
    const env = await fresh(redis.url);
    const relay = await env.processes.start('relay', RELAY_ARGS);
    const worker = await env.processes.start('worker', [...WORKER_ARGS, '--claim-idle', '2000'], { config: EFFECTS_CONFIG });

    await env.businessActions(40, { concurrency: 2 });
    await until(async () => (await env.count(`select count(*) n from workflow_runtime_events where status = 'processed'`)) === env.committed.length, 20_000, 'first events processed');
    expect((await env.processes.kill(worker, 'SIGTERM')).code).to.equal(0);

    const before = env.committed.length;
    await env.businessActions(100, { concurrency: 2 });
    const publishedUnconsumed = env.committed.length - before;
    await until(async () => (await env.count('select count(*) n from event_outbox where published_at is null')) === 0, 20_000, 'all published');

    await redis.killAndWipe();
    await redis.restart();
    await env.processes.start('worker-2', [...WORKER_ARGS, '--claim-idle', '2000'], { config: EFFECTS_CONFIG });
    await env.settled();

    const audit = await env.audit();
    const detected = (relay.output().match(/the stream lost published entries/g) ?? []).length;
    const requeued = Number(/"requeued":(\d+)/.exec(relay.output())?.[1] ?? 0);
    env.report('redis lost its data', audit, `; published but unconsumed when Redis lost its data: ${publishedUnconsumed}; republished from the outbox: ${requeued}; data losses logged: ${detected}`);
    expectNothingLost(audit);
    expect(detected, 'the loss is logged once').to.equal(1);
    expect(requeued).to.be.at.least(publishedUnconsumed);
  });
});
