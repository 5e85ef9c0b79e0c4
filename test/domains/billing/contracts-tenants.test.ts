import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import {
  billingModule,
  ContractNotFoundError,
  ContractService,
  RecurringBillingService,
  RecurringRunNotFoundError,
  RecurringScheduleService,
  RenewalSettingsService,
} from '../../../domains/billing';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';
import { unscopedQueries } from '../unscoped-queries';
import { contractFor } from './recurring-fixtures';

const TABLES = ['billing_contracts', 'billing_contract_lines', 'billing_contract_settings', 'billing_recurring_runs', 'billing_recurring_run_items', 'billing_contract_periods', 'billing_recurring_schedules'];

forEachDatabase("billing: one tenant cannot reach another tenant's contracts or runs", (target) => {
  let kit: TestKit;

  beforeEach(async () => {
    kit = await createTestKit({ modules: [billingModule], databaseUrl: target.url });
  });
  afterEach(() => kit.close());

  /** Tenant A's contract work through every service. */
  async function tenantAWorks() {
    const contracts = kit.resolve(ContractService);
    const contract = await contractFor(kit, { endDate: '2027-12-31' });
    await kit.run(() => contracts.update(contract.id, { name: 'Renamed' }));
    await kit.run(() => kit.resolve(RenewalSettingsService).set({ renewalNoticeDays: 45 }));
    const run = await kit.run(() => kit.resolve(RecurringBillingService).run({ period: '2027-01' }));
    await kit.run(() => kit.resolve(RecurringBillingService).get(run.id));
    await kit.run(() => kit.resolve(RecurringScheduleService).configure({ dayOfMonth: 2 }));
    await kit.run(() => kit.resolve(RecurringScheduleService).get());
    return { contract, run };
  }

  it('every statement the services send is scoped by tenant', async () => {
    expect(await unscopedQueries(kit.db, tenantAWorks)).to.deep.equal([]);
  });

  it("tenant B gets not-found for tenant A's ids, its runs bill nothing of A's, and A's rows stay as they were", async () => {
    const { contract, run } = await tenantAWorks();
    await kit.settle();
    const snapshot = async () => Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, (await kit.db(t).where({ tenant: kit.tenantId })).map((r) => JSON.stringify(r)).sort()])));
    const before = await snapshot();
    kit.events.clear();
    const b = { tenantId: uuidv4() };
    const contracts = kit.resolve(ContractService);
    for (const [name, attempt, notFound] of [
      ['get', () => contracts.get(contract.id), ContractNotFoundError],
      ['update', () => contracts.update(contract.id, { name: 'Hijacked' }), ContractNotFoundError],
      ['changeStatus', () => contracts.changeStatus(contract.id, 'terminated'), ContractNotFoundError],
      ['run get', () => kit.resolve(RecurringBillingService).get(run.id), RecurringRunNotFoundError],
    ] as Array<[string, () => Promise<unknown>, Function]>) {
      const err = await kit.run(attempt, b).then(() => new Error(`${name} succeeded for tenant B`), (e) => e);
      expect(err, name).to.be.instanceOf(notFound);
    }
    const runB = await kit.run(() => kit.resolve(RecurringBillingService).run({ period: '2027-02' }), b);
    expect(runB.items).to.deep.equal([]);
    expect(await kit.run(() => kit.resolve(RenewalSettingsService).get(), b)).to.deep.equal({ renewalNoticeDays: 30 });
    expect(await kit.run(() => kit.resolve(RecurringScheduleService).get(), b)).to.equal(undefined);
    expect(await snapshot()).to.deep.equal(before);
    expect(kit.events.types()).to.deep.equal(['RECURRING_BILLING_RUN_STARTED', 'RECURRING_BILLING_RUN_COMPLETED']);
    expect(kit.events.all.every((e) => e.tenantId === b.tenantId)).to.equal(true);
  });
});
