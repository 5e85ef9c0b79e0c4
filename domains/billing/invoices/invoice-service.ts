import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, currentUserId, EmitsEvent, nextSequenceValue, readDate, UnitOfWork } from '../../../lib/kit';
import { Invoice, GenerateInvoiceInput } from './invoice';
import { InvoiceNotFoundError, InvoiceStateError } from './invoice-errors';
import { checkInvoiceInput } from './invoice-input';
import { invoiceLifecycle } from './invoice-mappers';

/** Drafting and locking invoices. */
@injectable()
export class InvoiceService {
  constructor(private readonly uow: UnitOfWork) {}

  /** Creates a draft invoice with its lines; the total is the sum of quantity × unit price. */
  @EmitsEvent('INVOICE_GENERATED', invoiceLifecycle)
  async generate(input: GenerateInvoiceInput): Promise<Invoice> {
    const tenant = currentTenant('InvoiceService.generate');
    const { currency, totalAmount } = checkInvoiceInput(input);
    const db = this.uow.db;
    const now = actionTime();
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
      created_by_user_id: currentUserId() ?? null,
      created_at: now,
      updated_at: now,
    });
    await db('invoice_items').insert(
      input.lines.map((l, i) => ({ invoice_id: id, line_no: i + 1, description: l.description, quantity: l.quantity, unit_price: l.unitPrice })),
    );
    return this.get(id);
  }

  /** Locks a draft invoice. Finalizing anything but a draft is refused and emits nothing. */
  @EmitsEvent('INVOICE_FINALIZED', invoiceLifecycle)
  async finalize(invoiceId: string): Promise<Invoice> {
    const tenant = currentTenant('InvoiceService.finalize');
    // The emission clock, so finalizedAt agrees with the event's occurredAt.
    const now = actionTime();
    const updated = await this.uow
      .db('invoices')
      .where({ invoice_id: invoiceId, tenant, status: 'draft' })
      .update({ status: 'finalized', finalized_at: now, updated_at: now });
    if (!updated) {
      const current = await this.get(invoiceId);
      throw new InvoiceStateError(invoiceId, current.status, 'finalize');
    }
    return this.get(invoiceId);
  }

  async get(invoiceId: string): Promise<Invoice> {
    const tenant = currentTenant('InvoiceService.get');
    const db = this.uow.db;
    const row = await db('invoices').where({ invoice_id: invoiceId, tenant }).first();
    if (!row) throw new InvoiceNotFoundError(invoiceId);
    // invoice_items has no tenant column: it is scoped through its invoice.
    const lines = await db('invoice_items as i')
      .join('invoices as v', 'v.invoice_id', 'i.invoice_id')
      .where({ 'i.invoice_id': invoiceId, 'v.tenant': tenant })
      .orderBy('i.line_no')
      .select('i.*');
    return {
      id: row.invoice_id,
      tenantId: row.tenant,
      clientId: row.client_id,
      invoiceNumber: row.invoice_number,
      status: row.status,
      currency: row.currency,
      totalAmount: Number(row.total_amount),
      createdByUserId: row.created_by_user_id ?? undefined,
      finalizedAt: readDate(row.finalized_at) ?? undefined,
      lines: lines.map((l: any) => ({ description: l.description, quantity: Number(l.quantity), unitPrice: Number(l.unit_price) })),
    };
  }
}
