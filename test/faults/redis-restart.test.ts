import { expect } from 'chai';
import { EFFECTS_CONFIG } from './support/processes';
import { RedisServer } from './support/redis-server';
import { describeFault, expectNothingLost, RELAY_ARGS, sleep, WORKER_ARGS } from './support/fault-suite';

describeFault('fault: Redis crashes and restarts during a stream of business actions', (fresh) => {
  let redis: RedisServer | undefined;
  afterEach(async () => {
    await redis?.stop();
    redis = undefined;
  });

  it('loses nothing: the relay backs off with rows kept in the outbox, the worker resumes', async () => {
    redis = await RedisServer.start();
    const env = await fresh(redis.url);
    await Promise.all([
      env.processes.start('relay', RELAY_ARGS),
      env.processes.start('worker', [...WORKER_ARGS, '--claim-idle', '2000'], { config: EFFECTS_CONFIG }),
    ]);

    const actions = env.businessActions(200, { pauseMs: 25 });
    await sleep(1500);
    await redis.kill();
    const committedBeforeOutage = env.committed.length;
    await sleep(3000);
    const committedDuringOutage = env.committed.length - committedBeforeOutage;
    await redis.restart();
    await actions;
    await env.settled();

    const audit = await env.audit();
    const retried = await env.count('select count(*) n from event_outbox where attempts > 1');
    env.report('redis restart', audit, `; committed during the 3 s outage: ${committedDuringOutage}; outbox rows retried: ${retried}`);
    expectNothingLost(audit);
    expect(committedDuringOutage, 'business actions kept committing while Redis was down').to.be.greaterThan(0);
    expect(retried, 'publishes failed during the outage and were retried').to.be.greaterThan(0);
  });
});
