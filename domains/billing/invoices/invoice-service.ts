import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, currentUserId, EmitsEvent, nextSequenceValue, UnitOfWork } from '../../../lib/kit';
import { BillingSettingsService } from '../settings/billing-settings-service';
import { addDays } from './calendar-date';
import { Invoice, GenerateInvoiceInput } from './invoice';
import { InvoiceStateError } from './invoice-errors';
import { checkInvoiceInput } from './invoice-input';
import { invoiceFinalizedStatus, invoiceLifecycle } from './invoice-mappers';
import { readInvoice } from './invoice-rows';

/** Payment terms when generate() is given no due date: net 30 from the tenant's calendar day. */
export const DEFAULT_PAYMENT_TERMS_DAYS = 30;

/** Drafting and locking invoices. */
@injectable()
export class InvoiceService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly settings: BillingSettingsService,
  ) {}

  /**
   * Creates a draft invoice with its lines; the total is the sum of quantity × unit price. The due
   * date defaults to net 30 from the tenant's calendar day.
   * @throws InvoiceInputError naming the field (clientId, currency, dueDate, lines[i].…).
   */
  @EmitsEvent('INVOICE_GENERATED', invoiceLifecycle)
  async generate(input: GenerateInvoiceInput): Promise<Invoice> {
    const tenant = currentTenant('InvoiceService.generate');
    const { currency, totalAmount } = checkInvoiceInput(input);
    const db = this.uow.db;
    const now = actionTime();
    const dueDate = input.dueDate ?? addDays(await this.settings.localDate(tenant, now), DEFAULT_PAYMENT_TERMS_DAYS);
    const id = uuidv4();
    const invoiceNumber = `INV-${String(await nextSequenceValue(db, tenant, 'invoice_number')).padStart(6, '0')}`;
    await db('invoices').insert({
      invoice_id: id,
      tenant,
      client_id: input.clientId,
      invoice_number: invoiceNumber,
      status: 'draft',
      currency,
      total_amount: totalAmount,
      due_date: dueDate,
      created_by_user_id: currentUserId() ?? null,
      created_at: now,
      updated_at: now,
    });
    await db('invoice_items').insert(
      input.lines.map((l, i) => ({ invoice_id: id, line_no: i + 1, description: l.description, quantity: l.quantity, unit_price: l.unitPrice })),
    );
    return this.get(id);
  }

  /**
   * Locks a draft invoice (INVOICE_FINALIZED, and INVOICE_STATUS_CHANGED draft → finalized).
   * Finalizing anything but a draft is refused and emits nothing.
   */
  @EmitsEvent('INVOICE_FINALIZED', invoiceLifecycle)
  @EmitsEvent('INVOICE_STATUS_CHANGED', invoiceFinalizedStatus)
  async finalize(invoiceId: string): Promise<Invoice> {
    const tenant = currentTenant('InvoiceService.finalize');
    // The emission clock, so finalizedAt agrees with the event's occurredAt.
    const now = actionTime();
    const current = await this.get(invoiceId);
    if (current.status !== 'draft') throw new InvoiceStateError(invoiceId, current.status, 'finalize');
    const by = await this.settings.attribute('InvoiceService.finalize', current.createdByUserId);
    const updated = await this.uow
      .db('invoices')
      .where({ invoice_id: current.id, tenant, status: 'draft' })
      .update({ status: 'finalized', finalized_at: now, finalized_by_user_id: by.userId, updated_at: now });
    if (!updated) throw new InvoiceStateError(invoiceId, (await this.get(invoiceId)).status, 'finalize');
    return this.get(invoiceId);
  }

  /** One of the acting tenant's invoices. @throws InvoiceNotFoundError. */
  async get(invoiceId: string): Promise<Invoice> {
    return readInvoice(this.uow.db, currentTenant('InvoiceService.get'), invoiceId);
  }
}
