import { injectable } from 'tsyringe';
import { actionTime, currentTenant, DomainError, insertIfAbsent, UnitOfWork } from '../../../lib/kit';
import { Contract } from '../contracts/contract';
import { InvoiceService } from '../invoices/invoice-service';
import { BillingPeriod, servicePeriod } from './billing-period';
import { RecurringRunItem } from './recurring-run';

const PERIODS = 'billing_contract_periods';

/**
 * Bills one contract for one period, inside the run's transaction. The contract's period is first
 * claimed in billing_contract_periods (its primary key: at most one claim per contract and period,
 * whichever run gets there first; a concurrent run waits for the first to commit and then finds it
 * taken). Then InvoiceService.generate drafts the invoice: one line per contract line, in the
 * contract's currency, described with the service period. The claim and the invoice share a
 * savepoint, so a contract that cannot be billed leaves neither behind and can be billed by a
 * later run of the same period once fixed.
 */
@injectable()
export class ContractBiller {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly invoices: InvoiceService,
  ) {}

  /**
   * `invoiced`, `already_billed` or `not_billable` (no lines, or a refusal of the invoice: a
   * DomainError, whose code and message become the reason). Any other error propagates: the run fails.
   */
  async bill(contract: Contract, period: BillingPeriod, runId: string): Promise<RecurringRunItem> {
    const contractId = contract.id;
    if (!contract.lines.length) {
      return { contractId, outcome: 'not_billable', reasonCode: 'CONTRACT_HAS_NO_LINES', reason: 'the contract has no recurring lines to bill' };
    }
    try {
      return await this.uow.run(() => this.claimAndInvoice(contract, period, runId));
    } catch (err) {
      if (err instanceof DomainError) return { contractId, outcome: 'not_billable', reasonCode: err.code, reason: err.message };
      throw err;
    }
  }

  private async claimAndInvoice(contract: Contract, period: BillingPeriod, runId: string): Promise<RecurringRunItem> {
    const tenant = currentTenant('ContractBiller.bill');
    const db = this.uow.db;
    const service = servicePeriod(contract, period);
    const key = { tenant, contract_id: contract.id, period_start: period.start };
    const claimed = await insertIfAbsent(db, PERIODS, { ...key, service_end: service.end, run_id: runId, billed_at: actionTime() }, Object.keys(key));
    if (!claimed) {
      const earlier = await db(PERIODS).where(key).first();
      return { contractId: contract.id, outcome: 'already_billed', invoiceId: earlier?.invoice_id ?? undefined };
    }
    const invoice = await this.invoices.generate({
      clientId: contract.clientId,
      currency: contract.currency,
      lines: contract.lines.map((l) => ({ ...l, description: `${l.description} (${service.start} to ${service.end})` })),
    });
    await db(PERIODS).where(key).update({ invoice_id: invoice.id });
    return { contractId: contract.id, outcome: 'invoiced', invoiceId: invoice.id };
  }
}
