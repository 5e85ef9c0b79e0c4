import { isUUID } from 'class-validator';
import { forUpdate, Knex, readDate } from '../../../lib/kit';
import { Payment } from './payment';
import { PaymentNotFoundError } from './payment-errors';

export function toPayment(row: any): Payment {
  const amount = Number(row.amount);
  const amountApplied = Number(row.amount_applied);
  const amountRefunded = Number(row.amount_refunded);
  return {
    id: row.payment_id,
    tenantId: row.tenant,
    clientId: row.client_id,
    amount,
    currency: row.currency,
    method: row.method,
    status: row.status,
    receivedAt: readDate(row.received_at)!,
    receivedByUserId: row.received_by_user_id ?? undefined,
    gatewayTransactionId: row.gateway_transaction_id ?? undefined,
    amountApplied,
    amountRefunded,
    unapplied: amount - amountRefunded - amountApplied,
  };
}

/** One of the tenant's payments, optionally row-locked until commit. @throws PaymentNotFoundError. */
export async function readPayment(db: Knex | Knex.Transaction, tenant: string, paymentId: string, opts: { lock?: boolean } = {}): Promise<Payment> {
  if (typeof paymentId !== 'string' || !isUUID(paymentId, 'all')) throw new PaymentNotFoundError(String(paymentId));
  let q = db('billing_payments').where({ payment_id: paymentId, tenant });
  if (opts.lock) q = q.modify(forUpdate(db));
  const row = await q.first();
  if (!row) throw new PaymentNotFoundError(paymentId);
  return toPayment(row);
}
