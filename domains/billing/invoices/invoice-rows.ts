import { isUUID } from 'class-validator';
import { forUpdate, Knex, readDate, readJson } from '../../../lib/kit';
import { Invoice } from './invoice';
import { InvoiceNotFoundError } from './invoice-errors';

/** The invoice row as a service returns it (lines included, balance computed). */
export function toInvoice(row: any, lines: any[]): Invoice {
  const totalAmount = Number(row.total_amount);
  const amountPaid = Number(row.amount_paid ?? 0);
  const amountCredited = Number(row.amount_credited ?? 0);
  const amountWrittenOff = Number(row.amount_written_off ?? 0);
  return {
    id: row.invoice_id,
    tenantId: row.tenant,
    clientId: row.client_id,
    invoiceNumber: row.invoice_number,
    status: row.status,
    currency: row.currency,
    totalAmount,
    amountPaid,
    amountCredited,
    amountWrittenOff,
    balance: totalAmount - amountPaid - amountCredited - amountWrittenOff,
    dueDate: row.due_date ?? undefined,
    createdByUserId: row.created_by_user_id ?? undefined,
    finalizedAt: readDate(row.finalized_at) ?? undefined,
    finalizedByUserId: row.finalized_by_user_id ?? undefined,
    sentAt: readDate(row.sent_at) ?? undefined,
    sentByUserId: row.sent_by_user_id ?? undefined,
    deliveryMethod: row.delivery_method ?? undefined,
    recipients: (readJson(row.recipients) as string[] | null) ?? [],
    writtenOffAt: readDate(row.written_off_at) ?? undefined,
    writeOffReason: row.write_off_reason ?? undefined,
    voidedAt: readDate(row.voided_at) ?? undefined,
    overdueNotifiedFor: row.overdue_notified_for ?? undefined,
    lines: lines.map((l: any) => ({ description: l.description, quantity: Number(l.quantity), unitPrice: Number(l.unit_price) })),
  };
}

/**
 * Reads one of the tenant's invoices; `lock` takes its row lock until commit (PostgreSQL), so
 * balances read here stay true for the rest of the transaction.
 * @throws InvoiceNotFoundError (also for another tenant's id).
 */
export async function readInvoice(db: Knex | Knex.Transaction, tenant: string, invoiceId: string, opts: { lock?: boolean } = {}): Promise<Invoice> {
  if (typeof invoiceId !== 'string' || !isUUID(invoiceId, 'all')) throw new InvoiceNotFoundError(String(invoiceId));
  let q = db('invoices').where({ invoice_id: invoiceId, tenant });
  if (opts.lock) q = q.modify(forUpdate(db));
  const row = await q.first();
  if (!row) throw new InvoiceNotFoundError(invoiceId);
  // invoice_items has no tenant column: it is scoped through its invoice.
  const lines = await db('invoice_items as i')
    .join('invoices as v', 'v.invoice_id', 'i.invoice_id')
    .where({ 'i.invoice_id': invoiceId, 'v.tenant': tenant })
    .orderBy('i.line_no')
    .select('i.*');
  return toInvoice(row, lines);
}
