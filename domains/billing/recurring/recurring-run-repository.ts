import { injectable } from 'tsyringe';
import { currentTenant, forUpdate, isUuid, readDate, readJson, UnitOfWork } from '../../../lib/kit';
import { RecurringBillingRun, RecurringRunItem, RecurringRunStatus, RunItemOutcome } from './recurring-run';
import { RecurringRunNotFoundError } from './recurring-run-errors';

type Row = Record<string, any>;

/** Tenant-scoped reads and writes of recurring billing runs and their items, through the current transaction. */
@injectable()
export class RecurringRunRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /** The run with its items; `lock` holds the run row until commit (PostgreSQL). @throws RecurringRunNotFoundError */
  async get(runId: string, lock = false): Promise<RecurringBillingRun> {
    const tenant = currentTenant('RecurringRunRepository.get');
    if (typeof runId !== 'string' || !isUuid(runId)) throw new RecurringRunNotFoundError(String(runId));
    const db = this.uow.db;
    const row = await db('billing_recurring_runs')
      .where({ tenant, run_id: runId.toLowerCase() })
      .modify((q) => (lock ? forUpdate(db)(q) : q))
      .first();
    if (!row) throw new RecurringRunNotFoundError(runId);
    const items = await db('billing_recurring_run_items').where({ tenant, run_id: row.run_id }).orderBy('contract_id');
    return toRun(row, items);
  }

  async insert(row: Row): Promise<void> {
    await this.uow.db('billing_recurring_runs').insert({ ...row, tenant: currentTenant('RecurringRunRepository.insert') });
  }

  /** Updates a run that is still running; false when it no longer is. */
  async finish(runId: string, status: Exclude<RecurringRunStatus, 'running'>, columns: Row): Promise<boolean> {
    const tenant = currentTenant('RecurringRunRepository.finish');
    const updated = await this.uow.db('billing_recurring_runs').where({ tenant, run_id: runId, status: 'running' }).update({ ...columns, status });
    return updated > 0;
  }

  async addItems(runId: string, items: RecurringRunItem[]): Promise<void> {
    const tenant = currentTenant('RecurringRunRepository.addItems');
    if (!items.length) return;
    await this.uow.db('billing_recurring_run_items').insert(
      items.map((i) => ({
        tenant,
        run_id: runId,
        contract_id: i.contractId,
        outcome: i.outcome,
        invoice_id: i.invoiceId ?? null,
        reason_code: i.reasonCode ?? null,
        reason: i.reason ?? null,
      })),
    );
  }
}

const toRun = (row: Row, items: Row[]): RecurringBillingRun => ({
  id: row.run_id,
  tenantId: row.tenant,
  period: row.period,
  periodStart: row.period_start,
  periodEnd: row.period_end,
  status: row.status,
  initiatedByUserId: row.initiated_by_user_id ?? undefined,
  scheduleId: row.schedule_id ?? undefined,
  startedAt: readDate(row.started_at)!,
  completedAt: readDate(row.completed_at) ?? undefined,
  failedAt: readDate(row.failed_at) ?? undefined,
  invoicesCreated: Number(row.invoices_created),
  failedCount: Number(row.failed_count),
  alreadyBilledCount: Number(row.already_billed_count),
  warnings: row.warnings ? readJson<string[]>(row.warnings) : [],
  errorCode: row.error_code ?? undefined,
  errorMessage: row.error_message ?? undefined,
  // SQLite stores booleans as 0/1.
  retryable: row.retryable == null ? undefined : Boolean(row.retryable),
  items: items.map(toItem),
});

/** An item with only the keys its outcome has. */
const toItem = (i: Row): RecurringRunItem => ({
  contractId: i.contract_id,
  outcome: i.outcome as RunItemOutcome,
  ...(i.invoice_id ? { invoiceId: i.invoice_id } : {}),
  ...(i.reason_code ? { reasonCode: i.reason_code } : {}),
  ...(i.reason ? { reason: i.reason } : {}),
});
