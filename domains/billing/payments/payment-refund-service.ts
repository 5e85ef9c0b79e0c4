import { injectable } from 'tsyringe';
import { v4 as uuidv4 } from 'uuid';
import { actionTime, currentTenant, EmitsEvent, UnitOfWork } from '../../../lib/kit';
import { InvoiceStatusMove } from '../invoices/invoice';
import { InvoiceLedger } from '../invoices/invoice-ledger';
import { invoiceStatusChanges } from '../invoices/invoice-lifecycle-mappers';
import { readInvoice } from '../invoices/invoice-rows';
import { requireMinorUnits } from '../money';
import { BillingSettingsService } from '../settings/billing-settings-service';
import { PaymentRefund, RefundInput } from './payment';
import { PaymentAmountExceededError, PaymentInputError } from './payment-errors';
import { paymentRefunded } from './payment-mappers';
import { readPayment } from './payment-rows';

/**
 * Refunds, partial and full. A refund comes first out of the payment's unapplied amount; the rest
 * is taken back from its applications, newest first, reopening those invoices' balances.
 */
@injectable()
export class PaymentRefundService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly ledger: InvoiceLedger,
    private readonly settings: BillingSettingsService,
  ) {}

  /**
   * Refunds `amount` (default: all not yet refunded), or up to a cumulative `refundedTotal` (a
   * provider's running total: a total already reached refunds nothing and emits nothing).
   * @throws PaymentInputError (amount, refundedTotal, reason), PaymentAmountExceededError, PaymentNotFoundError.
   */
  @EmitsEvent('PAYMENT_REFUNDED', paymentRefunded)
  @EmitsEvent('INVOICE_STATUS_CHANGED', invoiceStatusChanges)
  async refund(paymentId: string, input: RefundInput = {}): Promise<PaymentRefund> {
    const tenant = currentTenant('PaymentRefundService.refund');
    if (input.amount !== undefined && input.refundedTotal !== undefined) throw new PaymentInputError('refundedTotal', 'cannot be given together with amount');
    if (input.amount !== undefined) requireMinorUnits(input.amount, 'amount', { positive: true });
    if (input.refundedTotal !== undefined) requireMinorUnits(input.refundedTotal, 'refundedTotal');
    if (input.reason !== undefined && (typeof input.reason !== 'string' || !input.reason.trim())) throw new PaymentInputError('reason', 'must not be blank when given');
    const db = this.uow.db;
    const payment = await readPayment(db, tenant, paymentId, { lock: true });
    const refundable = payment.amount - payment.amountRefunded;
    const amount = input.refundedTotal !== undefined ? Math.max(0, input.refundedTotal - payment.amountRefunded) : input.amount ?? refundable;
    if (input.refundedTotal !== undefined && input.refundedTotal > payment.amount) throw new PaymentAmountExceededError(payment.id, input.refundedTotal, payment.amount, 'refund');
    if (amount > refundable) throw new PaymentAmountExceededError(payment.id, amount, refundable, 'refund');
    // Automatic refunds (a Stripe webhook) are attributed like the payment's applications were.
    const applier = await db('billing_payment_applications').where({ tenant, payment_id: payment.id }).orderBy('applied_at', 'desc').first('applied_by_user_id');
    const by = await this.settings.attribute('PaymentRefundService.refund', payment.receivedByUserId, applier?.applied_by_user_id);
    const at = actionTime();
    if (amount === 0) return { payment, amount: 0, byUserId: by.userId, at, moves: [] };
    // Unapplied money first; the rest from applications, newest first.
    let fromApplications = Math.max(0, amount - payment.unapplied);
    const moves: InvoiceStatusMove[] = [];
    let takenBack = 0;
    if (fromApplications > 0) {
      const applications = await db('billing_payment_applications')
        .where({ tenant, payment_id: payment.id })
        .whereRaw('amount > amount_reversed')
        .orderBy([{ column: 'applied_at', order: 'desc' }, { column: 'application_id', order: 'desc' }]);
      for (const app of applications) {
        if (fromApplications === 0) break;
        const take = Math.min(fromApplications, Number(app.amount) - Number(app.amount_reversed));
        await db('billing_payment_applications').where({ application_id: app.application_id, tenant }).update({ amount_reversed: Number(app.amount_reversed) + take });
        const invoice = await readInvoice(db, tenant, app.invoice_id, { lock: true });
        const { move } = await this.ledger.post(invoice, 'amount_paid', -take, by, at);
        if (move) moves.push(move);
        fromApplications -= take;
        takenBack += take;
      }
    }
    const refunded = payment.amountRefunded + amount;
    await db('billing_payments')
      .where({ payment_id: payment.id, tenant })
      .update({ amount_refunded: refunded, amount_applied: payment.amountApplied - takenBack, status: refunded === payment.amount ? 'refunded' : 'partially_refunded', updated_at: at });
    await db('billing_payment_refunds').insert({ refund_id: uuidv4(), tenant, payment_id: payment.id, amount, reason: input.reason?.trim() ?? null, refunded_at: at, refunded_by_user_id: by.userId });
    return { payment: await readPayment(db, tenant, payment.id), amount, reason: input.reason?.trim(), byUserId: by.userId, at, moves };
  }
}
