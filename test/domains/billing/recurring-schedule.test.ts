import { expect } from 'chai';
import { billingModule, BillingSettingsService, RecurringBillingScheduler, RecurringRunInputError, RecurringScheduleService } from '../../../domains/billing';
import { runSweepers } from '../../../lib/modules/sweep-runner';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';
import { SYSTEM } from './billing-fixtures';
import { contractFor } from './recurring-fixtures';

forEachDatabase('billing: scheduled recurring billing runs', (target) => {
  let kit: TestKit;
  const schedules = () => kit.resolve(RecurringScheduleService);
  const sweep = async (now: string) => {
    const results = await runSweepers(kit.runtime, { module: 'billing', now: new Date(now) });
    for (const r of results) if (r.error) throw r.error;
    return results.find((r) => r.sweeper === RecurringBillingScheduler.name)!.count;
  };
  const started = () => kit.events.payloads('RECURRING_BILLING_RUN_STARTED');

  beforeEach(async () => {
    kit = await createTestKit({ modules: [billingModule], databaseUrl: target.url });
  });
  afterEach(() => kit.close());

  it('on its day of the month the schedule starts that month\'s run once, as the system, with its scheduleId', async () => {
    const contract = await contractFor(kit, { startDate: '2027-01-01' });
    const schedule = await kit.run(() => schedules().configure({ dayOfMonth: 3 }));
    expect(schedule).to.include({ tenantId: kit.tenantId, dayOfMonth: 3, enabled: true });
    expect(await sweep('2027-01-02T23:59:00Z')).to.equal(0);
    expect(await sweep('2027-01-03T00:00:00Z')).to.equal(1);
    expect(kit.events).to.have.emitted('RECURRING_BILLING_RUN_STARTED').withPayload({
      tenantId: kit.tenantId,
      scheduleId: schedule.id,
      startedAt: '2027-01-03T00:00:00.000Z',
      actorType: 'SYSTEM',
    }).times(1);
    expect(started()[0]).not.to.have.property('initiatedByUserId');
    expect(kit.events).to.have.emitted('RECURRING_BILLING_RUN_COMPLETED').withPayload({ invoicesCreated: 1, failedCount: 0 }).times(1);
    expect(kit.events).to.have.emitted('INVOICE_GENERATED').withPayload({ clientId: contract.clientId }).times(1);
    expect(await sweep('2027-01-03T00:10:00Z')).to.equal(0);
    expect(await sweep('2027-01-31T12:00:00Z')).to.equal(0);
    expect(started()).to.have.length(1);
    // February: a new month, a new run.
    expect(await sweep('2027-02-03T08:00:00Z')).to.equal(1);
    expect(kit.events.payloads('RECURRING_BILLING_RUN_COMPLETED')).to.have.length(2);
  });

  it("the month and the day are the tenant's billing calendar", async () => {
    await contractFor(kit, { startDate: '2027-01-01' });
    await kit.run(() => kit.resolve(BillingSettingsService).configure({ timezone: 'Pacific/Auckland' }));
    await kit.run(() => schedules().configure({ dayOfMonth: 1 }));
    // 2027-01-31T12:00Z is 01:00 on February 1 in Auckland.
    expect(await sweep('2027-01-31T12:00:00Z')).to.equal(1);
    const [run] = await kit.db('billing_recurring_runs');
    expect(run.period).to.equal('2027-02');
  });

  it('concurrent sweeps start the month once', async () => {
    await contractFor(kit, { startDate: '2027-01-01' });
    await kit.run(() => schedules().configure({ dayOfMonth: 1 }));
    const scheduler = kit.resolve(RecurringBillingScheduler);
    const now = new Date('2027-01-01T09:00:00Z');
    const results = await Promise.all([1, 2, 3].map(() => kit.run(() => scheduler.sweep(now), { ...SYSTEM, tenantId: undefined })));
    expect(results.map((r) => r.length).reduce((a, b) => a + b)).to.equal(1);
    expect(started()).to.have.length(1);
    expect(await kit.db('billing_recurring_runs')).to.have.length(1);
    expect(await kit.db('invoices')).to.have.length(1);
  });

  it('a disabled schedule starts nothing; a tenant without one is billed by hand only', async () => {
    await contractFor(kit, { startDate: '2027-01-01' });
    expect(await sweep('2027-01-15T00:00:00Z')).to.equal(0);
    await kit.run(() => schedules().configure({ dayOfMonth: 1, enabled: false }));
    expect(await sweep('2027-01-15T00:00:00Z')).to.equal(0);
    expect(started()).to.have.length(0);
  });

  it('configure refuses a day outside 1–28 or a non-boolean enabled, naming the field; nothing is written', async () => {
    for (const [input, field] of [
      [{ dayOfMonth: 0 }, 'dayOfMonth'],
      [{ dayOfMonth: 29 }, 'dayOfMonth'],
      [{ dayOfMonth: 1.5 }, 'dayOfMonth'],
      [{ enabled: 'yes' as any }, 'enabled'],
    ] as const) {
      const err = await kit.run(() => schedules().configure(input)).catch((e) => e);
      expect(err, JSON.stringify(input)).to.be.instanceOf(RecurringRunInputError);
      expect(err.field).to.equal(field);
    }
    expect(await kit.run(() => schedules().get())).to.equal(undefined);
    const first = await kit.run(() => schedules().configure({ dayOfMonth: 5 }));
    const second = await kit.run(() => schedules().configure({ enabled: false }));
    expect(second).to.deep.equal({ ...first, enabled: false });
  });
});
