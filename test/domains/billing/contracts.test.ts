import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import {
  billingModule,
  BillingSettingsService,
  ContractClosedError,
  ContractInputError,
  ContractNotFoundError,
  ContractService,
  ContractStatusTransitionError,
  CreateContractInput,
} from '../../../domains/billing';
import { StaffActorRequiredError } from '../../../lib/kit';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';

const T0 = '2026-11-30T10:00:00.000Z';
const clock = () => new Date(T0);

forEachDatabase('billing: contracts', (target) => {
  let kit: TestKit;
  let contracts: ContractService;
  const clientId = uuidv4();
  const input = (over: Partial<CreateContractInput> = {}): CreateContractInput => ({
    clientId,
    name: 'Managed services 2027',
    startDate: '2027-01-01',
    endDate: '2027-12-31',
    currency: 'EUR',
    billingFrequency: 'monthly',
    lines: [
      { description: 'Managed endpoints', quantity: 25, unitPrice: 1500 },
      { description: 'Backup', quantity: 1, unitPrice: 9900 },
    ],
    ...over,
  });
  const run = <T>(fn: () => Promise<T>) => kit.run(fn, { clock });
  const create = (over: Partial<CreateContractInput> = {}) => run(() => contracts.create(input(over)));

  beforeEach(async () => {
    kit = await createTestKit({ modules: [billingModule], databaseUrl: target.url });
    contracts = kit.resolve(ContractService);
  });
  afterEach(() => kit.close());

  it('create stores a draft contract with its lines and emits CONTRACT_CREATED', async () => {
    const contract = await create();
    expect(contract).to.include({ clientId, status: 'draft', startDate: '2027-01-01', endDate: '2027-12-31', currency: 'EUR', billingFrequency: 'monthly' });
    expect(contract.lines).to.deep.equal(input().lines);
    expect(kit.events).to.have.emitted('CONTRACT_CREATED').withPayload({
      tenantId: kit.tenantId,
      contractId: contract.id,
      clientId,
      createdByUserId: kit.actorUserId,
      createdAt: T0,
      startDate: '2027-01-01',
      endDate: '2027-12-31',
      status: 'draft',
      actorType: 'USER',
    }).times(1);
    const lines = await kit.db('billing_contract_lines').where({ contract_id: contract.id }).orderBy('line_no');
    expect(lines.map((l) => [l.description, Number(l.quantity), Number(l.unit_price), l.tenant])).to.deep.equal([
      ['Managed endpoints', 25, 1500, kit.tenantId],
      ['Backup', 1, 9900, kit.tenantId],
    ]);
  });

  it('an open-ended contract has no endDate in its payload', async () => {
    const contract = await create({ endDate: undefined, lines: [] });
    const [payload] = kit.events.payloads('CONTRACT_CREATED');
    expect(payload).not.to.have.property('endDate');
    expect(contract.endDate).to.equal(undefined);
  });

  const refusals: Array<[string, Partial<CreateContractInput>]> = [
    ['clientId', { clientId: 'acme' }],
    ['name', { name: '  ' }],
    ['startDate', { startDate: '2027-02-30' }],
    ['endDate', { endDate: '2026-12-31' }],
    ['currency', { currency: 'eur' }],
    ['currency', { currency: 'XYZ' }],
    ['billingFrequency', { billingFrequency: 'weekly' as any }],
    ['lines', { lines: 'none' as any }],
    ['lines[1].quantity', { lines: [{ description: 'a', quantity: 1, unitPrice: 1 }, { description: 'b', quantity: 0.5, unitPrice: 1 }] }],
    ['lines[0].unitPrice', { lines: [{ description: 'a', quantity: 1, unitPrice: -1 }] }],
    ['lines[0].description', { lines: [{ description: '', quantity: 1, unitPrice: 1 }] }],
  ];
  for (const [field, over] of refusals) {
    it(`bad input is refused naming ${field}, nothing written or emitted (${JSON.stringify(over).slice(0, 60)})`, async () => {
      const err = await create(over).catch((e) => e);
      expect(err).to.be.instanceOf(ContractInputError);
      expect(err.field).to.equal(field);
      expect(err.code).to.equal('CONTRACT_INPUT_INVALID');
      expect(await kit.db('billing_contracts')).to.have.length(0);
      expect(kit.events.types()).to.deep.equal([]);
    });
  }

  it('a client contact may not create a contract', async () => {
    const err = await kit.run(() => contracts.create(input()), { actorUserId: undefined, actorContactId: uuidv4() }).catch((e) => e);
    expect(err).to.be.instanceOf(StaffActorRequiredError);
    expect(kit.events.types()).to.deep.equal([]);
  });

  it('update saves the changed terms and emits CONTRACT_UPDATED with updatedFields and changes', async () => {
    const contract = await create();
    const later = () => new Date('2026-12-01T08:00:00.000Z');
    const set = await kit.run(
      () => contracts.update(contract.id, { name: 'Managed services 2027 (renewed)', endDate: '2028-12-31', lines: [{ description: 'Managed endpoints', quantity: 30, unitPrice: 1500 }] }),
      { clock: later },
    );
    expect(set.after).to.include({ name: 'Managed services 2027 (renewed)', endDate: '2028-12-31' });
    expect(set.after.lines).to.deep.equal([{ description: 'Managed endpoints', quantity: 30, unitPrice: 1500 }]);
    expect(kit.events).to.have.emitted('CONTRACT_UPDATED').withPayload({
      contractId: contract.id,
      clientId,
      actorUserId: kit.actorUserId,
      updatedAt: '2026-12-01T08:00:00.000Z',
      updatedFields: ['name', 'endDate', 'lines'],
      changes: {
        name: { previous: 'Managed services 2027', new: 'Managed services 2027 (renewed)' },
        endDate: { previous: '2027-12-31', new: '2028-12-31' },
        lines: { previous: input().lines, new: [{ description: 'Managed endpoints', quantity: 30, unitPrice: 1500 }] },
      },
    }).times(1);
    expect(await kit.db('billing_contract_lines').where({ contract_id: contract.id })).to.have.length(1);
  });

  it('clearing the end date reports null as the new value', async () => {
    const contract = await create();
    await run(() => contracts.update(contract.id, { endDate: null }));
    expect(kit.events).to.have.emitted('CONTRACT_UPDATED').withPayload({ updatedFields: ['endDate'], changes: { endDate: { previous: '2027-12-31', new: null } } });
    expect((await run(() => contracts.get(contract.id))).endDate).to.equal(undefined);
  });

  it('a save that changes nothing writes and emits nothing', async () => {
    const contract = await create();
    kit.events.clear();
    const set = await run(() => contracts.update(contract.id, { name: '  Managed services 2027 ', currency: 'EUR', lines: input().lines }));
    expect(set.changes).to.deep.equal({});
    expect(kit.events.types()).to.deep.equal([]);
  });

  it('a bad patch is refused naming the field; the contract stays as it was', async () => {
    const contract = await create();
    kit.events.clear();
    const err = await run(() => contracts.update(contract.id, { name: 'New name', endDate: '2026-01-01' })).catch((e) => e);
    expect(err).to.be.instanceOf(ContractInputError);
    expect(err.field).to.equal('endDate');
    expect((await run(() => contracts.get(contract.id))).name).to.equal('Managed services 2027');
    expect(kit.events.types()).to.deep.equal([]);
  });

  it('changeStatus moves the contract and emits CONTRACT_STATUS_CHANGED with previous and new status', async () => {
    const contract = await create();
    const moved = await run(() => contracts.changeStatus(contract.id, 'active'));
    expect(moved.after.status).to.equal('active');
    await run(() => contracts.changeStatus(contract.id, 'suspended'));
    expect(kit.events).to.have.emitted('CONTRACT_STATUS_CHANGED').withPayload({
      tenantId: kit.tenantId,
      contractId: contract.id,
      clientId,
      previousStatus: 'draft',
      newStatus: 'active',
      actorUserId: kit.actorUserId,
      changedAt: T0,
    }).times(1);
    expect(kit.events).to.have.emitted('CONTRACT_STATUS_CHANGED').withPayload({ previousStatus: 'active', newStatus: 'suspended' }).times(1);
    const row = await kit.db('billing_contracts').where({ contract_id: contract.id }).first();
    expect(row.status).to.equal('suspended');
  });

  it('the same status again is a no-op: no event', async () => {
    const contract = await create();
    await run(() => contracts.changeStatus(contract.id, 'active'));
    kit.events.clear();
    await run(() => contracts.changeStatus(contract.id, 'active'));
    expect(kit.events.types()).to.deep.equal([]);
  });

  it('impossible transitions are refused and emit nothing', async () => {
    const contract = await create();
    const suspendDraft = await run(() => contracts.changeStatus(contract.id, 'suspended')).catch((e) => e);
    expect(suspendDraft).to.be.instanceOf(ContractStatusTransitionError);
    expect(suspendDraft.message).to.match(/cannot move from draft to suspended: a draft contract can move to active, terminated/);
    await run(() => contracts.changeStatus(contract.id, 'terminated'));
    kit.events.clear();
    const reactivate = await run(() => contracts.changeStatus(contract.id, 'active')).catch((e) => e);
    expect(reactivate).to.be.instanceOf(ContractStatusTransitionError);
    expect(reactivate.message).to.match(/terminated is final/);
    const edit = await run(() => contracts.update(contract.id, { name: 'Too late' })).catch((e) => e);
    expect(edit).to.be.instanceOf(ContractClosedError);
    const bad = await run(() => contracts.changeStatus(contract.id, 'cancelled' as any)).catch((e) => e);
    expect(bad).to.be.instanceOf(ContractInputError);
    expect(bad.field).to.equal('status');
    expect(kit.events.types()).to.deep.equal([]);
    expect((await kit.db('billing_contracts').first()).status).to.equal('terminated');
  });

  it('a contract expires only after its end date has passed', async () => {
    const contract = await create({ startDate: '2026-01-01', endDate: '2026-11-30' });
    await run(() => contracts.changeStatus(contract.id, 'active'));
    const early = await run(() => contracts.changeStatus(contract.id, 'expired')).catch((e) => e);
    expect(early).to.be.instanceOf(ContractStatusTransitionError);
    expect(early.message).to.match(/its term runs until 2026-11-30/);
    // Dec 1 in UTC is still Nov 30 in the tenant's billing time zone.
    await run(() => kit.resolve(BillingSettingsService).configure({ timezone: 'America/Los_Angeles' }));
    const sameDayThere = await kit.run(() => contracts.changeStatus(contract.id, 'expired'), { clock: () => new Date('2026-12-01T07:59:00Z') }).catch((e) => e);
    expect(sameDayThere).to.be.instanceOf(ContractStatusTransitionError);
    await kit.run(() => contracts.changeStatus(contract.id, 'expired'), { clock: () => new Date('2026-12-01T08:00:00Z') });
    expect(kit.events).to.have.emitted('CONTRACT_STATUS_CHANGED').withPayload({ previousStatus: 'active', newStatus: 'expired', changedAt: '2026-12-01T08:00:00.000Z' });
  });

  it("another tenant's contract is not found, and a malformed id is simply not found", async () => {
    const contract = await create();
    const other = await kit.run(() => contracts.changeStatus(contract.id, 'active'), { tenantId: uuidv4(), clock }).catch((e) => e);
    expect(other).to.be.instanceOf(ContractNotFoundError);
    const malformed = await run(() => contracts.get('not-a-uuid')).catch((e) => e);
    expect(malformed).to.be.instanceOf(ContractNotFoundError);
    expect((await run(() => contracts.get(contract.id.toUpperCase()))).id).to.equal(contract.id);
  });

  it('the status change reaches the worker through the outbox and bus', async () => {
    const contract = await create();
    const arrived = await kit
      .scenario(() => contracts.changeStatus(contract.id, 'active'))
      .expect('CONTRACT_STATUS_CHANGED')
      .matching((p) => p.contractId === contract.id && p.newStatus === 'active')
      .toArrive();
    const row = await kit.db('workflow_runtime_events').where({ event_id: arrived.id }).first();
    expect(row.status).to.equal('processed');
    expect(arrived.subject).to.equal(contract.id);
  });

  if (target.name === 'postgres') {
    it('two concurrent status moves of one contract: one wins, the other sees its result (row lock)', async () => {
      const contract = await create();
      await run(() => contracts.changeStatus(contract.id, 'active'));
      kit.events.clear();
      const results = await Promise.allSettled([run(() => contracts.changeStatus(contract.id, 'terminated')), run(() => contracts.changeStatus(contract.id, 'suspended'))]);
      const moves = kit.events.payloads('CONTRACT_STATUS_CHANGED').map((p: any) => `${p.previousStatus}->${p.newStatus}`);
      // Either terminated first (the suspension is then refused), or suspended first and then terminated.
      if (results[1].status === 'rejected') {
        expect((results[1] as PromiseRejectedResult).reason).to.be.instanceOf(ContractStatusTransitionError);
        expect(moves).to.deep.equal(['active->terminated']);
      } else {
        expect(moves).to.deep.equal(['active->suspended', 'suspended->terminated']);
      }
    });
  }
});
