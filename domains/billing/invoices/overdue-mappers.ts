import { EmissionContextView, iso } from '../../../lib/kit';
import { InvoiceStatusMove, OverdueFinding } from './invoice';
import { invoiceStatusChanges } from './invoice-lifecycle-mappers';

/** One INVOICE_OVERDUE per invoice the sweep claimed; tenant from the row, actor SYSTEM. */
export const invoicesOverdue = (found: OverdueFinding[]) =>
  found.map((f) => ({
    tenantId: f.tenantId,
    actorType: 'SYSTEM' as const,
    invoiceId: f.invoiceId,
    clientId: f.clientId,
    overdueAt: iso(f.at),
    dueDate: f.dueDate,
    amountDue: f.amountDue,
    currency: f.currency,
    daysOverdue: f.daysOverdue,
  }));

/** INVOICE_STATUS_CHANGED → overdue for each invoice that was not overdue already. */
export const overdueStatusMoves = (found: OverdueFinding[], args: unknown, ctx: EmissionContextView) =>
  invoiceStatusChanges({ moves: found.map((f) => f.move).filter((m): m is InvoiceStatusMove => !!m) }, args, ctx);
