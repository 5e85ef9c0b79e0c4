import { Invoice, InvoiceStatus } from './invoice';

/** Statuses in which payments and credit notes may be applied and the balance written off. */
export const OPEN_STATUSES: readonly InvoiceStatus[] = ['finalized', 'sent', 'partially_paid', 'overdue'];

/** Statuses an invoice may be (re)sent in. */
export const SENDABLE_STATUSES: readonly InvoiceStatus[] = ['finalized', 'sent', 'partially_paid', 'overdue'];

/** Statuses whose due date may still change. */
export const DUE_DATE_STATUSES: readonly InvoiceStatus[] = ['draft', 'finalized', 'sent', 'partially_paid', 'overdue'];

/** Statuses the overdue sweeper looks at. */
export const OVERDUE_CANDIDATES: readonly InvoiceStatus[] = ['sent', 'partially_paid', 'overdue'];

/**
 * The status an invoice's money leaves it in (after a payment, credit, refund or due-date move):
 * nothing owed → paid; owed and declared overdue for its current due date → overdue; something
 * paid or credited → partially_paid; else sent (or finalized if never sent).
 */
export function statusForBalance(invoice: Pick<Invoice, 'status' | 'balance' | 'amountPaid' | 'amountCredited' | 'sentAt' | 'dueDate' | 'overdueNotifiedFor'>): InvoiceStatus {
  if (invoice.balance <= 0) return 'paid';
  if (invoice.dueDate && invoice.overdueNotifiedFor === invoice.dueDate) return 'overdue';
  if (invoice.amountPaid + invoice.amountCredited > 0) return 'partially_paid';
  return invoice.sentAt ? 'sent' : 'finalized';
}
