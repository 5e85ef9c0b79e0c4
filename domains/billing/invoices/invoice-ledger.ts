import { injectable } from 'tsyringe';
import { UnitOfWork } from '../../../lib/kit';
import { Invoice, InvoiceStatusMove } from './invoice';
import { InvoiceBalanceError, InvoiceStateError } from './invoice-errors';
import { readInvoice } from './invoice-rows';
import { OPEN_STATUSES, statusForBalance } from './invoice-status';

export type LedgerColumn = 'amount_paid' | 'amount_credited';

export interface Attribution {
  userId: string;
  automatic: boolean;
}

/**
 * Posts money to invoices for payments, refunds and credit notes: the amount columns and the
 * status they imply, under the invoice's row lock. Used by the payment and credit-note services
 * (never directly by callers: it emits nothing itself).
 */
@injectable()
export class InvoiceLedger {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * Locks the tenant's invoices (in id order, so two actions locking the same invoices cannot
   * deadlock) and checks each is open for money.
   * @throws InvoiceNotFoundError, InvoiceStateError (draft, paid, written off, void).
   */
  async lockOpen(tenant: string, invoiceIds: string[], action: string): Promise<Map<string, Invoice>> {
    const locked = new Map<string, Invoice>();
    for (const id of [...new Set(invoiceIds)].sort()) {
      const invoice = await readInvoice(this.uow.db, tenant, id, { lock: true });
      if (!OPEN_STATUSES.includes(invoice.status)) throw new InvoiceStateError(id, invoice.status, action);
      locked.set(id, invoice);
    }
    return locked;
  }

  /**
   * Adds `delta` minor units to `column` (negative takes it back, for refunds) and moves the status
   * to what the new balance implies. The UPDATE itself refuses to take the balance below zero or
   * the column below zero, so even an unlocked caller cannot over-apply.
   * @returns the status move, if the status changed.
   * @throws InvoiceBalanceError when `delta` exceeds the open balance.
   */
  async post(invoice: Invoice, column: LedgerColumn, delta: number, by: Attribution, at: Date): Promise<{ invoice: Invoice; move?: InvoiceStatusMove }> {
    const db = this.uow.db;
    const after = { ...invoice };
    if (column === 'amount_paid') after.amountPaid += delta;
    else after.amountCredited += delta;
    after.balance -= delta;
    const status = statusForBalance(after);
    const updated = await db('invoices')
      .where({ invoice_id: invoice.id, tenant: invoice.tenantId })
      .whereRaw('total_amount - amount_paid - amount_credited - amount_written_off >= ?', [delta])
      .where(column, '>=', -delta)
      .update({ [column]: db.raw(`${column} + ?`, [delta]), status, updated_at: at });
    if (!updated) throw new InvoiceBalanceError(invoice.id, delta, invoice.balance);
    const fresh = await readInvoice(db, invoice.tenantId, invoice.id);
    if (fresh.status === invoice.status) return { invoice: fresh };
    return { invoice: fresh, move: { invoiceId: invoice.id, tenantId: invoice.tenantId, previousStatus: invoice.status, newStatus: fresh.status, byUserId: by.userId, automatic: by.automatic, at } };
  }
}
