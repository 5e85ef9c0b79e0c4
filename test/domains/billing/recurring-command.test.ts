import { expect } from 'chai';
import { Command } from 'commander';
import sinon from 'sinon';
import { billingModule } from '../../../domains/billing';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';
import { contractFor } from './recurring-fixtures';

forEachDatabase('billing: `wfe billing run-period`', (target) => {
  let kit: TestKit;

  beforeEach(async () => {
    kit = await createTestKit({ modules: [billingModule], databaseUrl: target.url });
  });
  afterEach(async () => {
    sinon.restore();
    process.exitCode = undefined;
    await kit.close();
  });

  async function wfe(...args: string[]): Promise<string> {
    const program = new Command('wfe').exitOverride();
    billingModule.commands!(program, async () => ({ runtime: kit.runtime, close: async () => undefined }));
    const out: string[] = [];
    const write = sinon.stub(process.stdout, 'write').callsFake((chunk: any) => (out.push(String(chunk)), true));
    try {
      await program.parseAsync(['node', 'wfe', ...args]);
    } finally {
      write.restore();
    }
    return out.join('');
  }

  it("bills the month for the tenant as the system and prints the run's counts", async () => {
    await contractFor(kit);
    await contractFor(kit, { lines: [] });
    const out = await wfe('billing', 'run-period', '2027-01', '--tenant', kit.tenantId);
    expect(out).to.match(/^run [0-9a-f-]{36} for 2027-01: completed\n  1 invoice\(s\) drafted, 0 already billed, 1 not billable\n  ! Contract /);
    expect(kit.events).to.have.emitted('RECURRING_BILLING_RUN_STARTED').withPayload({ tenantId: kit.tenantId, actorType: 'SYSTEM' });
    expect(kit.events.payloads('RECURRING_BILLING_RUN_STARTED')[0]).not.to.have.property('initiatedByUserId');
    const again = await wfe('billing', 'run-period', '2027-01', '--tenant', kit.tenantId, '--user', kit.actorUserId);
    expect(again).to.match(/: completed\n  0 invoice\(s\) drafted, 1 already billed, 1 not billable\n/);
    expect(kit.events).to.have.emitted('RECURRING_BILLING_RUN_STARTED').withPayload({ initiatedByUserId: kit.actorUserId }).times(1);
  });

  it('refuses a tenant that is not a UUID before touching the database', async () => {
    const err = await wfe('billing', 'run-period', '2027-01', '--tenant', 'acme').catch((e) => e);
    expect(err.message).to.equal('--tenant must be a UUID');
    expect(await kit.db('billing_recurring_runs')).to.have.length(0);
  });
});
