import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { billingModule, BillingSettingsService, ContractInputError, ContractRenewalSweeper, ContractService, CreateContractInput, RenewalSettingsService } from '../../../domains/billing';
import { runSweepers } from '../../../lib/modules/sweep-runner';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';

forEachDatabase('billing: contract renewal notices (sweeper)', (target) => {
  let kit: TestKit;
  let contracts: ContractService;
  let settings: RenewalSettingsService;
  const clientId = uuidv4();
  const setUpAt = () => new Date('2026-06-01T09:00:00Z');

  beforeEach(async () => {
    kit = await createTestKit({ modules: [billingModule], databaseUrl: target.url });
    contracts = kit.resolve(ContractService);
    settings = kit.resolve(RenewalSettingsService);
  });
  afterEach(() => kit.close());

  /** A contract in `status` (active by default) ending on `endDate`, as tenant `tenantId`. */
  async function contract(endDate: string | undefined, status: 'draft' | 'active' | 'suspended' | 'terminated' = 'active', tenantId = kit.tenantId) {
    const input: CreateContractInput = { clientId, name: `Term to ${endDate}`, startDate: '2026-01-01', endDate, lines: [{ description: 'Support', quantity: 1, unitPrice: 50000 }] };
    return kit.run(async () => {
      const c = await contracts.create(input);
      if (status !== 'draft') await contracts.changeStatus(c.id, status === 'suspended' ? 'active' : status);
      if (status === 'suspended') await contracts.changeStatus(c.id, 'suspended');
      return c;
    }, { clock: setUpAt, tenantId });
  }

  /** `wfe sweep billing` at `now`. */
  const sweep = async (now: string) => {
    const results = await runSweepers(kit.runtime, { module: 'billing', now: new Date(now) });
    for (const r of results) if (r.error) throw r.error;
    const result = results.find((r) => r.sweeper === ContractRenewalSweeper.name)!;
    return result.count;
  };
  const notices = () => kit.events.payloads('CONTRACT_RENEWAL_UPCOMING');

  it('notifies once, N days (default 30) before the end date, as SYSTEM for the contract\'s tenant', async () => {
    const c = await contract('2027-01-30');
    expect(await sweep('2026-12-30T23:59:00Z')).to.equal(0); // 31 days before
    expect(await sweep('2026-12-31T00:00:00Z')).to.equal(1);
    expect(kit.events).to.have.emitted('CONTRACT_RENEWAL_UPCOMING').withPayload({
      tenantId: kit.tenantId,
      contractId: c.id,
      clientId,
      renewalAt: '2027-01-30T00:00:00.000Z',
      daysUntilRenewal: 30,
      actorType: 'SYSTEM',
      occurredAt: '2026-12-31T00:00:00.000Z',
    }).times(1);
    expect(notices()[0]).not.to.have.property('actorUserId');
    expect(await sweep('2026-12-31T00:05:00Z')).to.equal(0);
    expect(await sweep('2027-01-15T00:00:00Z')).to.equal(0);
    expect(notices()).to.have.length(1);
    const row = await kit.db('billing_contract_renewal_notices').where({ contract_id: c.id }).first();
    expect(row).to.include({ tenant: kit.tenantId, term_end_date: '2027-01-30' });
  });

  it("N and the calendar day follow the tenant's settings", async () => {
    await kit.run(() => settings.set({ renewalNoticeDays: 10 }));
    await kit.run(() => kit.resolve(BillingSettingsService).configure({ timezone: 'America/New_York' }));
    expect(await kit.run(() => settings.get())).to.deep.equal({ renewalNoticeDays: 10 });
    const c = await contract('2027-01-10');
    // Another tenant keeps the default 30 days: its contract with the same end date is notified already.
    const other = await contract('2027-01-10', 'active', uuidv4());
    expect(await sweep('2026-12-31T04:59:00Z')).to.equal(1); // 23:59 on Dec 30 in New York: 11 days left there
    expect(notices().map((p: any) => p.contractId)).to.deep.equal([other.id]);
    expect(await sweep('2026-12-31T05:00:00Z')).to.equal(1); // midnight of Dec 31 in New York
    expect(kit.events).to.have.emitted('CONTRACT_RENEWAL_UPCOMING').withPayload({
      tenantId: kit.tenantId,
      contractId: c.id,
      renewalAt: '2027-01-10T05:00:00.000Z',
      daysUntilRenewal: 10,
    }).times(1);
  });

  it('a long lead time of one tenant is honoured beside the short default of others', async () => {
    await kit.run(() => settings.set({ renewalNoticeDays: 365 }));
    const yearAhead = await contract('2027-10-27');
    await contract('2027-10-27', 'active', uuidv4());
    expect(await sweep('2026-12-01T00:00:00Z')).to.equal(1);
    expect(kit.events).to.have.emitted('CONTRACT_RENEWAL_UPCOMING').withPayload({ contractId: yearAhead.id, daysUntilRenewal: 330 }).times(1);
  });

  it('a sweep that runs late notifies with the days actually left; a term already over gets nothing', async () => {
    const soon = await contract('2026-12-05');
    await contract('2026-11-29');
    expect(await sweep('2026-11-30T12:00:00Z')).to.equal(1);
    expect(kit.events).to.have.emitted('CONTRACT_RENEWAL_UPCOMING').withPayload({ contractId: soon.id, daysUntilRenewal: 5 }).times(1);
  });

  it('on the end date itself the notice still goes out, with 0 days left', async () => {
    const c = await contract('2026-11-30');
    expect(await sweep('2026-11-30T18:00:00Z')).to.equal(1);
    expect(kit.events).to.have.emitted('CONTRACT_RENEWAL_UPCOMING').withPayload({ contractId: c.id, daysUntilRenewal: 0, renewalAt: '2026-11-30T00:00:00.000Z' });
  });

  it('drafts, terminated and open-ended contracts get no notice; suspended ones do', async () => {
    await contract('2026-12-20', 'draft');
    await contract('2026-12-20', 'terminated');
    await contract(undefined);
    const suspended = await contract('2026-12-20', 'suspended');
    expect(await sweep('2026-12-01T00:00:00Z')).to.equal(1);
    expect(notices().map((p: any) => p.contractId)).to.deep.equal([suspended.id]);
  });

  it('a renewed term (a later end date) gets its own notice, once', async () => {
    const c = await contract('2026-12-20');
    await sweep('2026-12-01T00:00:00Z');
    await kit.run(() => contracts.update(c.id, { endDate: '2027-12-20' }));
    expect(await sweep('2026-12-02T00:00:00Z')).to.equal(0);
    expect(await sweep('2027-11-20T00:00:00Z')).to.equal(1);
    expect(await sweep('2027-11-21T00:00:00Z')).to.equal(0);
    expect(notices().map((p: any) => p.renewalAt)).to.deep.equal(['2026-12-20T00:00:00.000Z', '2027-12-20T00:00:00.000Z']);
  });

  it('two sweeps at once notify each term exactly once', async () => {
    const many = await Promise.all(['2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13'].map((d) => contract(d)));
    const sweeper = kit.resolve(ContractRenewalSweeper);
    const now = new Date('2026-12-01T00:00:00Z');
    const results = await Promise.all([1, 2, 3].map(() => kit.run(() => sweeper.sweep(now), { actorType: 'SYSTEM', actorUserId: undefined, tenantId: undefined })));
    expect(results.reduce((n, r) => n + r.length, 0)).to.equal(4);
    expect(notices().map((p: any) => p.contractId).sort()).to.deep.equal(many.map((c) => c.id).sort());
    expect(await kit.db('billing_contract_renewal_notices')).to.have.length(4);
  });

  it('the lead time must be a whole number of 1–365 days (the error names the field); it is per tenant', async () => {
    for (const days of [0, 2.5, 366, '10' as any]) {
      const err = await kit.run(() => settings.set({ renewalNoticeDays: days })).catch((e) => e);
      expect(err, String(days)).to.be.instanceOf(ContractInputError);
      expect(err.field).to.equal('renewalNoticeDays');
    }
    expect(await kit.db('billing_contract_settings')).to.have.length(0);
    await kit.run(() => settings.set({ renewalNoticeDays: 45 }));
    await kit.run(() => settings.set({ renewalNoticeDays: 60 }));
    expect(await kit.run(() => settings.get())).to.deep.equal({ renewalNoticeDays: 60 });
    expect(await kit.run(() => settings.get(), { tenantId: uuidv4() })).to.deep.equal({ renewalNoticeDays: 30 });
  });

  it('the notice reaches the worker through the outbox and bus', async () => {
    const c = await contract('2026-12-15');
    const arrived = await kit
      .scenario(() => runSweepers(kit.runtime, { module: 'billing', now: new Date('2026-12-01T00:00:00Z') }))
      .expect('CONTRACT_RENEWAL_UPCOMING')
      .matching((p) => p.contractId === c.id)
      .toArrive();
    expect(arrived.payload).to.include({ daysUntilRenewal: 14, tenantId: kit.tenantId });
  });
});
