import { injectable } from 'tsyringe';
import { actionTime, currentTenant, EmitsEvent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { BillingSettingsService } from '../settings/billing-settings-service';
import { DueDateChange, InvoiceChange, InvoiceSending, InvoiceStatusMove, InvoiceWriteOff, SendInvoiceInput } from './invoice';
import { InvoiceInputError, InvoiceStateError } from './invoice-errors';
import { checkDueDate, checkSendInput } from './invoice-lifecycle-input';
import { invoiceDueDateChanged, invoiceSent, invoiceStatusChanges, invoiceWrittenOff } from './invoice-lifecycle-mappers';
import { readInvoice } from './invoice-rows';
import { DUE_DATE_STATUSES, OPEN_STATUSES, SENDABLE_STATUSES, statusForBalance } from './invoice-status';

/**
 * Sending, due dates, write-off and voiding of finalized invoices. Each action locks the invoice
 * row, refuses what its status does not allow (InvoiceStateError), and reports the status moves it
 * caused as INVOICE_STATUS_CHANGED beside its own event.
 */
@injectable()
export class InvoiceLifecycleService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly settings: BillingSettingsService,
  ) {}

  /**
   * Sends a finalized invoice (or re-sends an unpaid one) by email, portal or print; the channel and
   * recipients are stored. The first sending moves finalized → sent. Staff, or an automatic sending
   * attributed to the billing automation user.
   * @throws InvoiceInputError (deliveryMethod, recipients[i]), InvoiceStateError (draft, paid, …).
   */
  @EmitsEvent('INVOICE_SENT', invoiceSent)
  @EmitsEvent('INVOICE_STATUS_CHANGED', invoiceStatusChanges)
  async send(invoiceId: string, input: SendInvoiceInput): Promise<InvoiceSending> {
    const tenant = currentTenant('InvoiceLifecycleService.send');
    const recipients = checkSendInput(input);
    const invoice = await readInvoice(this.uow.db, tenant, invoiceId, { lock: true });
    if (!SENDABLE_STATUSES.includes(invoice.status)) throw new InvoiceStateError(invoiceId, invoice.status, 'send');
    const by = await this.settings.attribute('InvoiceLifecycleService.send', invoice.createdByUserId);
    const at = actionTime();
    const status = invoice.status === 'finalized' ? 'sent' : invoice.status;
    await this.uow
      .db('invoices')
      .where({ invoice_id: invoice.id, tenant })
      .update({ status, sent_at: at, sent_by_user_id: by.userId, delivery_method: input.deliveryMethod, recipients: JSON.stringify(recipients), updated_at: at });
    const after = await readInvoice(this.uow.db, tenant, invoice.id);
    const moves: InvoiceStatusMove[] = status === invoice.status ? [] : [{ invoiceId: invoice.id, tenantId: tenant, previousStatus: invoice.status, newStatus: status, byUserId: by.userId, automatic: by.automatic, at }];
    return { invoice: after, moves, sentAt: at, sentByUserId: by.userId };
  }

  /**
   * Moves the due date (YYYY-MM-DD, the tenant's calendar day). Staff only. The same date again
   * changes nothing and emits nothing. An overdue invoice whose date moves away from the one it was
   * declared overdue for leaves overdue (sent / partially_paid).
   * @throws InvoiceInputError (newDueDate), InvoiceStateError (paid, written off, void).
   */
  @EmitsEvent('INVOICE_DUE_DATE_CHANGED', invoiceDueDateChanged)
  @EmitsEvent('INVOICE_STATUS_CHANGED', invoiceStatusChanges)
  async changeDueDate(invoiceId: string, newDueDate: string): Promise<DueDateChange> {
    const tenant = currentTenant('InvoiceLifecycleService.changeDueDate');
    const byUserId = requireStaff('InvoiceLifecycleService.changeDueDate');
    checkDueDate(newDueDate, 'newDueDate');
    const invoice = await readInvoice(this.uow.db, tenant, invoiceId, { lock: true });
    if (!DUE_DATE_STATUSES.includes(invoice.status)) throw new InvoiceStateError(invoiceId, invoice.status, 'change the due date of');
    const at = actionTime();
    if (invoice.dueDate === newDueDate) return { invoice, moves: [], previousDueDate: invoice.dueDate, newDueDate, byUserId, at, changed: false };
    const status = invoice.status === 'draft' ? 'draft' : statusForBalance({ ...invoice, dueDate: newDueDate });
    await this.uow.db('invoices').where({ invoice_id: invoice.id, tenant }).update({ due_date: newDueDate, status, updated_at: at });
    const after = await readInvoice(this.uow.db, tenant, invoice.id);
    const moves: InvoiceStatusMove[] = status === invoice.status ? [] : [{ invoiceId: invoice.id, tenantId: tenant, previousStatus: invoice.status, newStatus: status, byUserId, automatic: false, at }];
    return { invoice: after, moves, previousDueDate: invoice.dueDate, newDueDate, byUserId, at, changed: true };
  }

  /**
   * Writes off the whole open balance as uncollectible (status written_off). Staff only.
   * @throws InvoiceInputError (reason), InvoiceStateError (nothing owed, not open).
   */
  @EmitsEvent('INVOICE_WRITTEN_OFF', invoiceWrittenOff)
  @EmitsEvent('INVOICE_STATUS_CHANGED', invoiceStatusChanges)
  async writeOff(invoiceId: string, input: { reason?: string } = {}): Promise<InvoiceWriteOff> {
    const tenant = currentTenant('InvoiceLifecycleService.writeOff');
    const byUserId = requireStaff('InvoiceLifecycleService.writeOff');
    if (input.reason !== undefined && (typeof input.reason !== 'string' || !input.reason.trim())) throw new InvoiceInputError('reason', 'must not be blank when given');
    const invoice = await readInvoice(this.uow.db, tenant, invoiceId, { lock: true });
    if (!OPEN_STATUSES.includes(invoice.status) || invoice.balance <= 0) throw new InvoiceStateError(invoiceId, invoice.status, 'write off');
    const at = actionTime();
    await this.uow
      .db('invoices')
      .where({ invoice_id: invoice.id, tenant })
      .update({ status: 'written_off', amount_written_off: invoice.amountWrittenOff + invoice.balance, written_off_at: at, write_off_reason: input.reason?.trim() ?? null, updated_at: at });
    const after = await readInvoice(this.uow.db, tenant, invoice.id);
    return {
      invoice: after,
      moves: [{ invoiceId: invoice.id, tenantId: tenant, previousStatus: invoice.status, newStatus: 'written_off', byUserId, automatic: false, at }],
      amountWrittenOff: invoice.balance,
      byUserId,
      at,
      reason: input.reason?.trim(),
    };
  }

  /**
   * Voids an issued invoice nothing was paid or credited on (a draft is simply not finalized).
   * Staff only; the only event is INVOICE_STATUS_CHANGED → void.
   * @throws InvoiceStateError (draft, anything paid or credited, already closed).
   */
  @EmitsEvent('INVOICE_STATUS_CHANGED', invoiceStatusChanges)
  async void(invoiceId: string): Promise<InvoiceChange> {
    const tenant = currentTenant('InvoiceLifecycleService.void');
    const byUserId = requireStaff('InvoiceLifecycleService.void');
    const invoice = await readInvoice(this.uow.db, tenant, invoiceId, { lock: true });
    if (!OPEN_STATUSES.includes(invoice.status) || invoice.amountPaid + invoice.amountCredited > 0) throw new InvoiceStateError(invoiceId, invoice.status, 'void');
    const at = actionTime();
    await this.uow.db('invoices').where({ invoice_id: invoice.id, tenant }).update({ status: 'void', voided_at: at, updated_at: at });
    const after = await readInvoice(this.uow.db, tenant, invoice.id);
    return { invoice: after, moves: [{ invoiceId: invoice.id, tenantId: tenant, previousStatus: invoice.status, newStatus: 'void', byUserId, automatic: false, at }] };
  }
}
