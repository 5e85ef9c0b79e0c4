import { injectable } from 'tsyringe';
import { currentTenant, forUpdate, isPostgres, isUuid, readDate, UnitOfWork } from '../../../lib/kit';
import { BillingFrequency, Contract, ContractFields, ContractStatus } from './contract';
import { ContractNotFoundError } from './contract-errors';

type Row = Record<string, any>;

/** Tenant-scoped reads and writes of contract rows and their lines, through the current transaction. */
@injectable()
export class ContractRepository {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * The contract of the acting tenant; `lock` holds its row until commit (PostgreSQL), so two
   * edits or status moves of one contract run one after the other. Throws ContractNotFoundError.
   */
  async get(contractId: string, lock = false): Promise<Contract> {
    const tenant = currentTenant('ContractRepository.get');
    // PostgreSQL refuses a malformed uuid outright: such an id is simply not found.
    if (typeof contractId !== 'string' || !isUuid(contractId)) throw new ContractNotFoundError(String(contractId));
    const db = this.uow.db;
    const row = await db('billing_contracts')
      .where({ contract_id: contractId.toLowerCase(), tenant })
      .modify((q) => (lock ? forUpdate(db)(q) : q))
      .first();
    if (!row) throw new ContractNotFoundError(contractId);
    const lines = await db('billing_contract_lines').where({ tenant, contract_id: row.contract_id }).orderBy('line_no');
    return toContract(row, lines);
  }

  /**
   * The acting tenant's active contracts whose term overlaps [start, end] (YYYY-MM-DD), by id,
   * share-locked until commit on PostgreSQL: an edit or status move of one waits for the run
   * billing it, so an invoice never mixes terms from before and after a change.
   */
  async activeOverlapping(start: string, end: string): Promise<Contract[]> {
    const tenant = currentTenant('ContractRepository.activeOverlapping');
    const db = this.uow.db;
    const rows = await db('billing_contracts')
      .where({ tenant, status: 'active' })
      .where('start_date', '<=', end)
      .where((q) => q.whereNull('end_date').orWhere('end_date', '>=', start))
      .orderBy('contract_id')
      .modify((q) => (isPostgres(db) ? q.forShare() : q));
    if (!rows.length) return [];
    const lines = await db('billing_contract_lines')
      .where({ tenant })
      .whereIn('contract_id', rows.map((r: Row) => r.contract_id))
      .orderBy(['contract_id', 'line_no']);
    return rows.map((r: Row) => toContract(r, lines.filter((l: Row) => l.contract_id === r.contract_id)));
  }

  async insert(row: Row, fields: ContractFields): Promise<void> {
    await this.uow.db('billing_contracts').insert({ ...row, ...columnsOf(fields) });
    await this.replaceLines(row.tenant, row.contract_id, fields);
  }

  async saveFields(tenant: string, contractId: string, fields: ContractFields, at: Date): Promise<void> {
    await this.uow.db('billing_contracts').where({ tenant, contract_id: contractId }).update({ ...columnsOf(fields), updated_at: at });
    await this.replaceLines(tenant, contractId, fields);
  }

  async saveStatus(tenant: string, contractId: string, status: ContractStatus, at: Date): Promise<void> {
    await this.uow.db('billing_contracts').where({ tenant, contract_id: contractId }).update({ status, status_changed_at: at, updated_at: at });
  }

  private async replaceLines(tenant: string, contractId: string, fields: ContractFields): Promise<void> {
    const db = this.uow.db;
    await db('billing_contract_lines').where({ tenant, contract_id: contractId }).delete();
    if (!fields.lines.length) return;
    await db('billing_contract_lines').insert(
      fields.lines.map((l, i) => ({ tenant, contract_id: contractId, line_no: i + 1, description: l.description, quantity: l.quantity, unit_price: l.unitPrice })),
    );
  }
}

const columnsOf = (f: ContractFields): Row => ({
  name: f.name,
  start_date: f.startDate,
  end_date: f.endDate,
  currency: f.currency,
  billing_frequency: f.billingFrequency,
});

/** A contract row and its line rows as a Contract (bigint columns read back as strings on PostgreSQL). */
export const toContract = (row: Row, lines: Row[]): Contract => ({
  id: row.contract_id,
  tenantId: row.tenant,
  clientId: row.client_id,
  name: row.name,
  status: row.status as ContractStatus,
  startDate: row.start_date,
  endDate: row.end_date ?? undefined,
  currency: row.currency,
  billingFrequency: row.billing_frequency as BillingFrequency,
  lines: lines.map((l) => ({ description: l.description, quantity: Number(l.quantity), unitPrice: Number(l.unit_price) })),
  createdByUserId: row.created_by_user_id ?? undefined,
  createdAt: readDate(row.created_at)!,
  updatedAt: readDate(row.updated_at)!,
});
