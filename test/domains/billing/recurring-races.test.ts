import { expect } from 'chai';
import sinon from 'sinon';
import { billingModule, ContractService, InvoiceService, RecurringBillingService } from '../../../domains/billing';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';
import { contractFor } from './recurring-fixtures';

const clock = () => new Date('2027-01-01T06:00:00.000Z');

forEachDatabase('billing: recurring billing runs racing for one period', (target) => {
  let kit: TestKit;

  beforeEach(async () => {
    kit = await createTestKit({ modules: [billingModule], databaseUrl: target.url });
  });
  afterEach(async () => {
    sinon.restore();
    await kit.close();
  });

  it('two runs of the same period at once bill each contract exactly once between them', async function () {
    this.timeout(20_000);
    const contracts = await Promise.all(Array.from({ length: 6 }, (_, i) => contractFor(kit, { name: `Contract ${i}` })));
    // Each invoice takes a moment, so the two runs are surely billing at the same time.
    const real = InvoiceService.prototype.generate;
    sinon.stub(InvoiceService.prototype, 'generate').callsFake(async function (this: InvoiceService, input) {
      await new Promise((r) => setTimeout(r, 20));
      return real.call(this, input);
    });
    const service = kit.resolve(RecurringBillingService);
    const runs = await Promise.all([1, 2].map(() => kit.run(() => service.run({ period: '2027-01' }), { clock })));

    expect(runs.map((r) => r.status)).to.deep.equal(['completed', 'completed']);
    expect(runs[0].invoicesCreated + runs[1].invoicesCreated).to.equal(contracts.length);
    expect(runs.map((r) => r.invoicesCreated + r.alreadyBilledCount)).to.deep.equal([contracts.length, contracts.length]);
    const billed = await kit.db('billing_contract_periods');
    expect(billed).to.have.length(contracts.length);
    expect(new Set(billed.map((b) => b.contract_id)).size).to.equal(contracts.length);
    expect(billed.every((b) => !!b.invoice_id)).to.equal(true);
    expect(await kit.db('invoices')).to.have.length(contracts.length);
    expect(kit.events.ofType('INVOICE_GENERATED')).to.have.length(contracts.length);
    expect(kit.events.ofType('RECURRING_BILLING_RUN_COMPLETED')).to.have.length(2);
    // Invoice numbers stay distinct under the race.
    const numbers = (await kit.db('invoices')).map((r) => r.invoice_number);
    expect(new Set(numbers).size).to.equal(contracts.length);
  });

  it('a status change waits for the run billing the contract, then applies', async function () {
    if (target.name !== 'postgres') return this.skip();
    const contract = await contractFor(kit);
    const service = kit.resolve(RecurringBillingService);
    const contracts = kit.resolve(ContractService);
    const [run, moved] = await Promise.all([
      kit.run(() => service.run({ period: '2027-01' }), { clock }),
      kit.run(() => contracts.changeStatus(contract.id, 'terminated'), { clock }),
    ]);
    // Either the run billed the active contract before the termination, or the termination came first and nothing was billed.
    expect(moved.after.status).to.equal('terminated');
    expect(run.invoicesCreated).to.be.oneOf([0, 1]);
    expect(await kit.db('invoices')).to.have.length(run.invoicesCreated);
  });
});
