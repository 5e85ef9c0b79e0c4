import { isUUID } from 'class-validator';
import { forUpdate, Knex, readDate } from '../../../lib/kit';
import { CreditNote } from './credit-note';
import { CreditNoteNotFoundError } from './credit-note-errors';

export function toCreditNote(row: any): CreditNote {
  const amount = Number(row.amount);
  const amountApplied = Number(row.amount_applied);
  return {
    id: row.credit_note_id,
    tenantId: row.tenant,
    clientId: row.client_id,
    sourceInvoiceId: row.source_invoice_id ?? undefined,
    amount,
    currency: row.currency,
    amountApplied,
    remaining: amount - amountApplied,
    status: row.status,
    reason: row.reason ?? undefined,
    createdAt: readDate(row.created_at)!,
    createdByUserId: row.created_by_user_id,
    voidedAt: readDate(row.voided_at) ?? undefined,
    voidedByUserId: row.voided_by_user_id ?? undefined,
    voidReason: row.void_reason ?? undefined,
  };
}

/** One of the tenant's credit notes, optionally row-locked. @throws CreditNoteNotFoundError. */
export async function readCreditNote(db: Knex | Knex.Transaction, tenant: string, id: string, opts: { lock?: boolean } = {}): Promise<CreditNote> {
  if (typeof id !== 'string' || !isUUID(id, 'all')) throw new CreditNoteNotFoundError(String(id));
  let q = db('billing_credit_notes').where({ credit_note_id: id, tenant });
  if (opts.lock) q = q.modify(forUpdate(db));
  const row = await q.first();
  if (!row) throw new CreditNoteNotFoundError(id);
  return toCreditNote(row);
}
