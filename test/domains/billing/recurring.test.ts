import { expect } from 'chai';
import sinon from 'sinon';
import { v4 as uuidv4 } from 'uuid';
import {
  billingModule,
  ContractService,
  InvoiceInputError,
  InvoiceService,
  RecurringBillingService,
  RecurringRunInputError,
} from '../../../domains/billing';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';
import { SYSTEM } from './billing-fixtures';
import { contractFor } from './recurring-fixtures';

const T0 = '2027-01-01T06:00:00.000Z';
const clock = () => new Date(T0);

forEachDatabase('billing: recurring billing runs', (target) => {
  let kit: TestKit;
  const service = () => kit.resolve(RecurringBillingService);
  const runPeriod = (period: string, ctx = {}) => kit.run(() => service().run({ period }), { clock, ...ctx });
  const invoiceRows = () => kit.db('invoices').orderBy('invoice_number');

  beforeEach(async () => {
    kit = await createTestKit({ modules: [billingModule], databaseUrl: target.url });
  });
  afterEach(async () => {
    sinon.restore();
    await kit.close();
  });

  /** Contracts of every kind; only `monthly` and `annual` are due in 2027-01, `noLines` cannot be billed. */
  async function portfolio() {
    return {
      monthly: await contractFor(kit, { name: 'Monthly MSP', lines: [{ description: 'Endpoints', quantity: 20, unitPrice: 1500 }, { description: 'Backup', quantity: 1, unitPrice: 9900 }] }),
      quarterly: await contractFor(kit, { name: 'Quarterly', startDate: '2026-11-01', billingFrequency: 'quarterly' }),
      annual: await contractFor(kit, { name: 'Annual licence', startDate: '2026-01-15', endDate: '2027-12-31', currency: 'JPY', billingFrequency: 'annually', lines: [{ description: 'Licence', quantity: 3, unitPrice: 12000 }] }),
      ended: await contractFor(kit, { name: 'Ended', startDate: '2026-01-01', endDate: '2026-12-31' }),
      future: await contractFor(kit, { name: 'Starts later', startDate: '2027-02-01' }),
      draft: await contractFor(kit, { name: 'Unsigned' }, 'draft'),
      suspended: await contractFor(kit, { name: 'On hold' }, 'suspended'),
      terminated: await contractFor(kit, { name: 'Cancelled' }, 'terminated'),
      noLines: await contractFor(kit, { name: 'Price to be agreed', lines: [] }),
    };
  }

  it('a run drafts an invoice per active contract due in the period and reports STARTED then COMPLETED with counts', async () => {
    const c = await portfolio();
    kit.events.clear();
    const run = await runPeriod('2027-01');
    expect(run).to.include({ status: 'completed', period: '2027-01', periodStart: '2027-01-01', periodEnd: '2027-01-31', invoicesCreated: 2, failedCount: 1, alreadyBilledCount: 0 });
    expect(kit.events).to.have.emitted('RECURRING_BILLING_RUN_STARTED').withPayload({
      tenantId: kit.tenantId,
      runId: run.id,
      startedAt: T0,
      initiatedByUserId: kit.actorUserId,
    }).times(1);
    expect(kit.events).to.have.emitted('RECURRING_BILLING_RUN_COMPLETED').withPayload({
      tenantId: kit.tenantId,
      runId: run.id,
      completedAt: T0,
      invoicesCreated: 2,
      failedCount: 1,
      warnings: [`Contract ${c.noLines.id} (Price to be agreed) was not billed: the contract has no recurring lines to bill`],
    }).times(1);
    expect(kit.events).to.have.emittedInOrder(['RECURRING_BILLING_RUN_STARTED', 'INVOICE_GENERATED', 'INVOICE_GENERATED', 'RECURRING_BILLING_RUN_COMPLETED']);
    expect(kit.events).to.have.emitted('INVOICE_GENERATED').withPayload({ clientId: c.monthly.clientId, totalAmount: 39900, status: 'draft' }).times(1);
    expect(kit.events).to.have.emitted('INVOICE_GENERATED').withPayload({ clientId: c.annual.clientId, totalAmount: 36000 }).times(1);

    const invoices = kit.resolve(InvoiceService);
    const byContract = new Map(run.items.map((i) => [i.contractId, i]));
    expect([...byContract.keys()].sort()).to.deep.equal([c.monthly.id, c.annual.id, c.noLines.id].sort());
    expect(byContract.get(c.noLines.id)).to.deep.equal({ contractId: c.noLines.id, outcome: 'not_billable', reasonCode: 'CONTRACT_HAS_NO_LINES', reason: 'the contract has no recurring lines to bill' });
    const monthly = await kit.run(() => invoices.get(byContract.get(c.monthly.id)!.invoiceId!));
    expect(monthly).to.include({ clientId: c.monthly.clientId, currency: 'USD', status: 'draft', totalAmount: 39900 });
    expect(monthly.lines.map((l) => l.description)).to.deep.equal(['Endpoints (2027-01-01 to 2027-01-31)', 'Backup (2027-01-01 to 2027-01-31)']);
    const annual = await kit.run(() => invoices.get(byContract.get(c.annual.id)!.invoiceId!));
    expect(annual).to.include({ currency: 'JPY', totalAmount: 36000 });
    expect(annual.lines[0].description).to.equal('Licence (2027-01-01 to 2027-12-31)');
    expect(await invoiceRows()).to.have.length(2);
    const row = await kit.db('billing_recurring_runs').where({ run_id: run.id }).first();
    expect(row).to.include({ tenant: kit.tenantId, status: 'completed', invoices_created: 2 });
  });

  it('the same period twice generates nothing twice: the second run reports the contracts as already billed', async () => {
    const c = await portfolio();
    const first = await runPeriod('2027-01');
    kit.events.clear();
    const second = await runPeriod('2027-01');
    expect(second).to.include({ status: 'completed', invoicesCreated: 0, alreadyBilledCount: 2, failedCount: 1 });
    expect(kit.events).not.to.have.emitted('INVOICE_GENERATED');
    expect(kit.events).to.have.emitted('RECURRING_BILLING_RUN_COMPLETED').withPayload({ runId: second.id, invoicesCreated: 0, failedCount: 1 }).times(1);
    expect(kit.events.payloads('RECURRING_BILLING_RUN_COMPLETED')[0].warnings).to.include('2 contract(s) were already billed for 2027-01 and were skipped');
    const earlier = first.items.find((i) => i.contractId === c.monthly.id)!.invoiceId;
    expect(second.items.find((i) => i.contractId === c.monthly.id)).to.deep.equal({ contractId: c.monthly.id, outcome: 'already_billed', invoiceId: earlier });
    expect(await invoiceRows()).to.have.length(2);

    // The next month bills the monthly contracts (one starting then) and the quarterly one (Nov, Feb, May, Aug).
    const february = await runPeriod('2027-02');
    expect(february.invoicesCreated).to.equal(3);
    expect(february.items.filter((i) => i.outcome === 'invoiced').map((i) => i.contractId).sort()).to.deep.equal([c.monthly.id, c.quarterly.id, c.future.id].sort());
  });

  it('a contract that could not be billed is billed by a later run of the period once fixed', async () => {
    const c = await contractFor(kit, { lines: [] });
    expect((await runPeriod('2027-01')).failedCount).to.equal(1);
    await kit.run(() => kit.resolve(ContractService).update(c.id, { lines: [{ description: 'Support', quantity: 1, unitPrice: 5000 }] }));
    const again = await runPeriod('2027-01');
    expect(again).to.include({ invoicesCreated: 1, failedCount: 0 });
    expect(await kit.db('billing_contract_periods').where({ contract_id: c.id })).to.have.length(1);
  });

  it('an invoice refusal for one contract is reported in the run; the others are still billed', async () => {
    const good = await contractFor(kit, { name: 'Good' });
    const refused = await contractFor(kit, { name: 'Refused' });
    const real = InvoiceService.prototype.generate;
    sinon.stub(InvoiceService.prototype, 'generate').callsFake(async function (this: InvoiceService, input) {
      if (input.clientId === refused.clientId) throw new InvoiceInputError('clientId', 'belongs to an archived client');
      return real.call(this, input);
    });
    const run = await runPeriod('2027-01');
    expect(run).to.include({ status: 'completed', invoicesCreated: 1, failedCount: 1 });
    expect(run.items.find((i) => i.contractId === refused.id)).to.deep.include({ outcome: 'not_billable', reasonCode: 'INVOICE_INPUT_INVALID' });
    expect(run.items.find((i) => i.contractId === good.id)!.outcome).to.equal('invoiced');
    expect(kit.events).to.have.emitted('RECURRING_BILLING_RUN_COMPLETED').withPayload({
      invoicesCreated: 1,
      failedCount: 1,
      warnings: [`Contract ${refused.id} (Refused) was not billed: Invalid invoice input: clientId belongs to an archived client`],
    });
    // Nothing of the refused contract is left: neither a claim nor an invoice.
    expect(await kit.db('billing_contract_periods').where({ contract_id: refused.id })).to.have.length(0);
    expect(await invoiceRows()).to.have.length(1);
  });

  it('an error that is not a contract refusal fails the run with its cause and keeps none of its invoices', async () => {
    await contractFor(kit, { name: 'First' });
    await contractFor(kit, { name: 'Second' });
    const real = InvoiceService.prototype.generate;
    let calls = 0;
    sinon.stub(InvoiceService.prototype, 'generate').callsFake(async function (this: InvoiceService, input) {
      if (++calls === 2) throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
      return real.call(this, input);
    });
    kit.events.clear();
    const run = await runPeriod('2027-01');
    expect(run).to.include({ status: 'failed', errorCode: 'ECONNRESET', errorMessage: 'Connection terminated unexpectedly', retryable: true, invoicesCreated: 0 });
    expect(kit.events).to.have.emitted('RECURRING_BILLING_RUN_FAILED').withPayload({
      tenantId: kit.tenantId,
      runId: run.id,
      failedAt: T0,
      errorCode: 'ECONNRESET',
      errorMessage: 'Connection terminated unexpectedly',
      retryable: true,
    }).times(1);
    expect(kit.events.types()).to.deep.equal(['RECURRING_BILLING_RUN_STARTED', 'RECURRING_BILLING_RUN_FAILED']);
    expect(await invoiceRows()).to.have.length(0);
    expect(await kit.db('billing_contract_periods')).to.have.length(0);
    expect(await kit.db('billing_recurring_run_items')).to.have.length(0);

    // The cause gone, running the period again bills both.
    sinon.restore();
    const retry = await runPeriod('2027-01');
    expect(retry).to.include({ status: 'completed', invoicesCreated: 2 });
    expect((await kit.run(() => service().get(run.id))).status).to.equal('failed');
  });

  it('a malformed period is refused naming the field; nothing is written or emitted', async () => {
    await contractFor(kit);
    kit.events.clear();
    for (const period of ['2027-13', '2027-1', 'January', '2027-01-01', undefined as any]) {
      const err = await runPeriod(period).catch((e) => e);
      expect(err, String(period)).to.be.instanceOf(RecurringRunInputError);
      expect(err.field).to.equal('period');
    }
    expect(await kit.db('billing_recurring_runs')).to.have.length(0);
    expect(kit.events.types()).to.deep.equal([]);
  });

  it('a run the system starts names no user; it bills only its own tenant', async () => {
    const mine = await contractFor(kit);
    await contractFor(kit, {}, 'active', { tenantId: uuidv4() });
    const run = await runPeriod('2027-01', SYSTEM);
    expect(run.items.map((i) => i.contractId)).to.deep.equal([mine.id]);
    const [started] = kit.events.payloads('RECURRING_BILLING_RUN_STARTED');
    expect(started).not.to.have.property('initiatedByUserId');
    expect(started).to.include({ actorType: 'SYSTEM', runId: run.id });
  });

  it('the completed run reaches the worker through the outbox and bus', async () => {
    await contractFor(kit);
    const arrived = await kit
      .scenario(() => kit.run(() => service().run({ period: '2027-01' }), { clock }))
      .expect('RECURRING_BILLING_RUN_COMPLETED')
      .matching((p) => p.invoicesCreated === 1)
      .toArrive();
    expect(arrived.subject).to.equal(arrived.payload.runId);
    const row = await kit.db('workflow_runtime_events').where({ event_id: arrived.id }).first();
    expect(row.status).to.equal('processed');
  });
});
