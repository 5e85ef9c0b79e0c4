import { isUUID } from 'class-validator';
import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, EmitsEvent, requireStaff, UnitOfWork } from '../../../lib/kit';
import { InvoiceBalanceError } from '../invoices/invoice-errors';
import { InvoiceLedger } from '../invoices/invoice-ledger';
import { invoiceStatusChanges } from '../invoices/invoice-lifecycle-mappers';
import { readInvoice } from '../invoices/invoice-rows';
import { assertSameCurrency, requireCurrency, requireMinorUnits } from '../money';
import { BillingSettingsService } from '../settings/billing-settings-service';
import { CreateCreditNoteInput, CreditNote, CreditNoteApplication } from './credit-note';
import { CreditNoteAmountExceededError, CreditNoteInputError, CreditNoteStateError } from './credit-note-errors';
import { creditNoteApplied, creditNoteCreated, creditNoteVoided } from './credit-note-mappers';
import { readCreditNote } from './credit-note-rows';

const optionalText = (value: unknown, field: string): string | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !value.trim()) throw new CreditNoteInputError(field, 'must not be blank when given');
  return value.trim();
};

/** Issuing credit notes, applying them to invoices, voiding unused ones. */
@injectable()
export class CreditNoteService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ledger: InvoiceLedger,
    private readonly settings: BillingSettingsService,
  ) {}

  /**
   * Issues a credit note (status open), against an issued invoice (client and currency are the
   * invoice's; at most its total) or standalone (clientId and currency required). Staff only.
   * @throws CreditNoteInputError (clientId, currency, invoiceId, reason), MoneyInputError (amount, currency),
   *   CurrencyMismatchError (currency), InvoiceNotFoundError.
   */
  @EmitsEvent('CREDIT_NOTE_CREATED', creditNoteCreated)
  async create(input: CreateCreditNoteInput): Promise<CreditNote> {
    const tenant = currentTenant('CreditNoteService.create');
    const byUserId = requireStaff('CreditNoteService.create');
    const amount = requireMinorUnits(input?.amount, 'amount', { positive: true });
    const reason = optionalText(input.reason, 'reason');
    let clientId = input.clientId;
    let currency = input.currency;
    if (input.invoiceId !== undefined) {
      const invoice = await readInvoice(this.uow.db, tenant, input.invoiceId);
      if (invoice.status === 'draft' || invoice.status === 'void') throw new CreditNoteInputError('invoiceId', `must be an issued invoice (it is ${invoice.status})`);
      if (clientId !== undefined && clientId.toLowerCase() !== invoice.clientId) throw new CreditNoteInputError('clientId', "must be the invoice's client");
      if (currency !== undefined) assertSameCurrency(invoice.currency, requireCurrency(currency), 'currency');
      if (amount > invoice.totalAmount) throw new CreditNoteInputError('amount', `must not exceed the invoice total (${invoice.totalAmount})`);
      clientId = invoice.clientId;
      currency = invoice.currency;
    } else {
      if (!isUUID(clientId ?? '', 'all')) throw new CreditNoteInputError('clientId', 'must be a UUID (or give invoiceId)');
      currency = requireCurrency(currency, 'currency');
    }
    const id = uuidv4();
    await this.uow.db('billing_credit_notes').insert({
      credit_note_id: id,
      tenant,
      client_id: clientId!.toLowerCase(),
      source_invoice_id: input.invoiceId ?? null,
      amount,
      currency,
      status: 'open',
      reason: reason ?? null,
      created_at: actionTime(),
      created_by_user_id: byUserId,
    });
    return readCreditNote(this.uow.db, tenant, id);
  }

  /**
   * Applies credit to an open invoice of the same client and currency; `amount` defaults to the
   * smaller of the note's remaining credit and the invoice's balance. Locks note, then invoice.
   * @throws CreditNoteStateError (voided / used up), CreditNoteAmountExceededError, InvoiceBalanceError,
   *   CreditNoteInputError (invoiceId: another client), CurrencyMismatchError, InvoiceStateError, MoneyInputError (amount).
   */
  @EmitsEvent('CREDIT_NOTE_APPLIED', creditNoteApplied)
  @EmitsEvent('INVOICE_STATUS_CHANGED', invoiceStatusChanges)
  async apply(creditNoteId: string, invoiceId: string, amount?: number): Promise<CreditNoteApplication> {
    const tenant = currentTenant('CreditNoteService.apply');
    if (amount !== undefined) requireMinorUnits(amount, 'amount', { positive: true });
    const db = this.uow.db;
    const note = await readCreditNote(db, tenant, creditNoteId, { lock: true });
    if (note.status !== 'open') throw new CreditNoteStateError(note.id, note.status, 'apply');
    const invoice = (await this.ledger.lockOpen(tenant, [invoiceId], 'apply a credit note to')).values().next().value!;
    if (invoice.clientId !== note.clientId) throw new CreditNoteInputError('invoiceId', 'belongs to another client than the credit note');
    assertSameCurrency(note.currency, invoice.currency, 'invoiceId');
    const applied = amount ?? Math.min(note.remaining, invoice.balance);
    if (applied > note.remaining) throw new CreditNoteAmountExceededError(note.id, applied, note.remaining);
    if (applied > invoice.balance || applied === 0) throw new InvoiceBalanceError(invoice.id, applied, invoice.balance);
    const by = await this.settings.attribute('CreditNoteService.apply', note.createdByUserId);
    const at = actionTime();
    const took = await db('billing_credit_notes')
      .where({ credit_note_id: note.id, tenant, status: 'open' })
      .whereRaw('amount - amount_applied >= ?', [applied])
      .update({ amount_applied: db.raw('amount_applied + ?', [applied]), status: applied === note.remaining ? 'applied' : 'open' });
    if (!took) throw new CreditNoteAmountExceededError(note.id, applied, note.remaining);
    await db('billing_credit_note_applications').insert({ application_id: uuidv4(), tenant, credit_note_id: note.id, invoice_id: invoice.id, amount: applied, applied_at: at, applied_by_user_id: by.userId });
    const { move } = await this.ledger.post(invoice, 'amount_credited', applied, by, at);
    return { creditNote: await readCreditNote(db, tenant, note.id), invoiceId: invoice.id, amountApplied: applied, byUserId: by.userId, at, moves: move ? [move] : [] };
  }

  /**
   * Voids an open credit note nothing was applied from. Staff only.
   * @throws CreditNoteStateError (voided, applied or partly applied), CreditNoteInputError (reason).
   */
  @EmitsEvent('CREDIT_NOTE_VOIDED', creditNoteVoided)
  async void(creditNoteId: string, input: { reason?: string } = {}): Promise<CreditNote> {
    const tenant = currentTenant('CreditNoteService.void');
    const byUserId = requireStaff('CreditNoteService.void');
    const reason = optionalText(input.reason, 'reason');
    const note = await readCreditNote(this.uow.db, tenant, creditNoteId, { lock: true });
    if (note.status !== 'open') throw new CreditNoteStateError(note.id, note.status, 'void');
    if (note.amountApplied > 0) throw new CreditNoteStateError(note.id, note.status, 'void', `${note.amountApplied} of it was already applied`);
    const at = actionTime();
    const updated = await this.uow
      .db('billing_credit_notes')
      .where({ credit_note_id: note.id, tenant, status: 'open', amount_applied: 0 })
      .update({ status: 'voided', voided_at: at, voided_by_user_id: byUserId, void_reason: reason ?? null });
    if (!updated) throw new CreditNoteStateError(note.id, note.status, 'void');
    return readCreditNote(this.uow.db, tenant, note.id);
  }

  /** One of the tenant's credit notes. @throws CreditNoteNotFoundError. */
  get(creditNoteId: string): Promise<CreditNote> {
    return readCreditNote(this.uow.db, currentTenant('CreditNoteService.get'), creditNoteId);
  }
}
