import { expect } from 'chai';
import { EFFECTS_CONFIG } from './support/processes';
import { describeFault, expectNothingLost, RELAY_ARGS, until, WORKER_ARGS } from './support/fault-suite';

describeFault('fault: a worker is killed (SIGKILL) in the middle of a batch', (fresh) => {
  it('loses nothing: another worker claims its pending entries (XAUTOCLAIM) and runs each effect once', async () => {
    const env = await fresh();
    const claimArgs = ['--claim-idle', '2000', '--batch-size', '20'];
    const slow = await env.processes.start('worker-a', [...WORKER_ARGS, ...claimArgs, '--consumer', 'worker-a'], {
      config: EFFECTS_CONFIG,
      env: { WFE_FAULT_HANDLER_DELAY_MS: '25' },
    });
    await env.processes.start('relay', RELAY_ARGS);
    await env.businessActions(120, { concurrency: 4 });

    const pendingOnA = async () => {
      const consumers = (await env.redis.xinfo('CONSUMERS', env.stream, 'workflow-runtime-v2')) as unknown[][];
      return Number(consumers.map((c) => Object.fromEntries(pairs(c))).find((c) => c.name === 'worker-a')?.pending ?? 0);
    };
    // Killed in the middle of a batch: some effects applied, entries read and not yet acknowledged.
    await until(async () => (await env.count('select count(*) n from fault_effects')) >= 30 && (await pendingOnA()) > 0, 20_000, 'worker-a mid-batch');
    await env.processes.kill(slow, 'SIGKILL');
    const orphaned = await pendingOnA();

    await env.processes.start('worker-b', [...WORKER_ARGS, ...claimArgs, '--consumer', 'worker-b'], { config: EFFECTS_CONFIG });
    await env.settled();

    const audit = await env.audit();
    const [pending] = (await env.redis.xpending(env.stream, 'workflow-runtime-v2')) as [number];
    env.report('worker SIGKILL mid-batch', audit, `; entries pending on the killed worker: ${orphaned}, claimed by worker-b`);
    expectNothingLost(audit);
    expect(Number(orphaned), 'the killed worker left entries in flight').to.be.greaterThan(0);
    expect(Number(pending), 'nothing left pending').to.equal(0);
  });
});

function pairs(flat: unknown[]): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([String(flat[i]), flat[i + 1]]);
  return out;
}
