import { iso } from '../../../lib/kit';
import { PaymentApplication, PaymentFailure, PaymentRecording, PaymentRefund } from './payment';

export const paymentRecorded = (r: PaymentRecording) =>
  r.recorded
    ? {
        paymentId: r.payment.id,
        clientId: r.payment.clientId,
        receivedAt: iso(r.payment.receivedAt),
        amount: r.payment.amount,
        currency: r.payment.currency,
        method: r.payment.method,
        receivedByUserId: r.payment.receivedByUserId,
        gatewayTransactionId: r.payment.gatewayTransactionId,
      }
    : undefined;

export const paymentApplied = (a: PaymentApplication) => ({
  paymentId: a.payment.id,
  appliedAt: iso(a.at),
  appliedByUserId: a.byUserId,
  applications: a.applications.map((x) => ({ invoiceId: x.invoiceId, amountApplied: x.amountApplied })),
});

export const paymentRefunded = (r: PaymentRefund) =>
  r.amount > 0
    ? { paymentId: r.payment.id, refundedAt: iso(r.at), refundedByUserId: r.byUserId, amount: r.amount, currency: r.payment.currency, reason: r.reason }
    : undefined;

export const paymentFailed = (f: PaymentFailure) => ({
  paymentId: f.paymentId,
  invoiceId: f.invoiceId,
  clientId: f.clientId,
  failedAt: iso(f.failedAt),
  amount: f.amount,
  currency: f.currency,
  method: f.method,
  failureCode: f.failureCode,
  failureMessage: f.failureMessage,
  retryable: f.retryable,
});
