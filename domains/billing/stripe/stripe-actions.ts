import Stripe from 'stripe';
import { injectable } from 'tsyringe';
import { currentTenant, UnitOfWork } from '../../../lib/kit';
import { InvoiceNotFoundError } from '../invoices/invoice-errors';
import { readInvoice } from '../invoices/invoice-rows';
import { OPEN_STATUSES } from '../invoices/invoice-status';
import { PaymentRefundService } from '../payments/payment-refund-service';
import { PaymentService } from '../payments/payment-service';
import { currencyOf, paymentIntentOf, StripeLink } from './stripe-link';

/**
 * Maps verified Stripe objects onto the billing actions, inside the delivery's transaction and
 * tenant: a succeeded PaymentIntent is PAYMENT_RECORDED then PAYMENT_APPLIED to its invoice (up to
 * the balance; the rest stays unapplied), a failed one PAYMENT_FAILED, a refunded charge
 * PAYMENT_REFUNDED up to Stripe's cumulative amount_refunded.
 */
@injectable()
export class StripeActions {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly payments: PaymentService,
    private readonly refunds: PaymentRefundService,
  ) {}

  async succeeded(intent: Stripe.PaymentIntent, link: StripeLink): Promise<void> {
    const { payment, recorded } = await this.payments.record({
      clientId: link.clientId!,
      amount: intent.amount_received || intent.amount,
      currency: currencyOf(intent.currency),
      method: intent.payment_method_types?.[0] ?? 'card',
      receivedAt: new Date(intent.created * 1000),
      gatewayTransactionId: intent.id,
    });
    if (!recorded || !link.invoiceId) return;
    const invoice = await this.openInvoice(link.invoiceId);
    if (!invoice || invoice.clientId !== payment.clientId || invoice.currency !== payment.currency) return;
    const amount = Math.min(payment.unapplied, invoice.balance);
    if (amount > 0) await this.payments.apply(payment.id, [{ invoiceId: invoice.id, amount }]);
  }

  async failed(intent: Stripe.PaymentIntent, link: StripeLink): Promise<void> {
    const error = intent.last_payment_error;
    const invoice = link.invoiceId ? await this.openInvoice(link.invoiceId, true) : undefined;
    await this.payments.recordFailure({
      clientId: link.clientId!,
      invoiceId: invoice && invoice.clientId === link.clientId ? invoice.id : undefined,
      amount: intent.amount,
      currency: currencyOf(intent.currency),
      method: error?.payment_method?.type ?? intent.payment_method_types?.[0] ?? 'card',
      failureCode: error?.decline_code ?? error?.code ?? undefined,
      failureMessage: error?.message ?? undefined,
      // Stripe leaves a failed intent in requires_payment_method: the client may try again.
      retryable: intent.status === 'requires_payment_method',
      gatewayTransactionId: intent.id,
    });
  }

  /** False when the payment the charge refunds is not recorded yet (the caller parks the delivery). */
  async refunded(charge: Stripe.Charge): Promise<boolean> {
    const intentId = paymentIntentOf(charge);
    const payment = intentId ? await this.payments.findByGatewayTransaction(intentId) : undefined;
    if (!payment) return false;
    const reason = charge.refunds?.data?.[0]?.reason ?? undefined;
    await this.refunds.refund(payment.id, { refundedTotal: charge.amount_refunded, reason: reason ?? undefined });
    return true;
  }

  /** The invoice if it is the tenant's and open for money (`any`: whatever its status). */
  private async openInvoice(invoiceId: string, any = false) {
    try {
      const invoice = await readInvoice(this.uow.db, currentTenant('StripeActions'), invoiceId);
      return any || OPEN_STATUSES.includes(invoice.status) ? invoice : undefined;
    } catch (err) {
      if (err instanceof InvoiceNotFoundError) return undefined;
      throw err;
    }
  }
}
