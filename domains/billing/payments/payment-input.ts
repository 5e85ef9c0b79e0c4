import { isUUID } from 'class-validator';
import { requireCurrency, requireMinorUnits } from '../money';
import { ApplicationInput, RecordFailureInput, RecordPaymentInput } from './payment';
import { PaymentInputError } from './payment-errors';

const refuse = (field: string, reason: string): never => {
  throw new PaymentInputError(field, reason);
};

const checkMethod = (method: unknown): string => {
  if (typeof method !== 'string' || !/^[a-z0-9_]{1,64}$/.test(method.trim().toLowerCase())) refuse('method', 'must be a payment method such as card, ach or check');
  return (method as string).trim().toLowerCase();
};

/** Checks a payment to record; returns the normalized method. Money errors (amount, currency) are MoneyInputError. */
export function checkRecordInput(input: RecordPaymentInput): { method: string } {
  if (!isUUID(input?.clientId ?? '', 'all')) refuse('clientId', 'must be a UUID');
  requireMinorUnits(input.amount, 'amount', { positive: true });
  requireCurrency(input.currency, 'currency');
  const method = checkMethod(input.method);
  if (input.receivedAt !== undefined && !(input.receivedAt instanceof Date && !Number.isNaN(input.receivedAt.getTime()))) refuse('receivedAt', 'must be a valid Date');
  if (input.gatewayTransactionId !== undefined && (typeof input.gatewayTransactionId !== 'string' || !input.gatewayTransactionId.trim() || input.gatewayTransactionId.length > 255))
    refuse('gatewayTransactionId', 'must be a non-empty string of at most 255 characters');
  return { method };
}

/** Checks allocations: at least one, each a UUID invoice once, each amount > 0 minor units. */
export function checkApplications(applications: ApplicationInput[]): void {
  if (!Array.isArray(applications) || !applications.length) refuse('applications', 'must hold at least one invoice and amount');
  const seen = new Set<string>();
  applications.forEach((a, i) => {
    if (!isUUID(a?.invoiceId ?? '', 'all')) refuse(`applications[${i}].invoiceId`, 'must be a UUID');
    if (seen.has(a.invoiceId.toLowerCase())) refuse(`applications[${i}].invoiceId`, 'appears twice: one allocation per invoice');
    seen.add(a.invoiceId.toLowerCase());
    requireMinorUnits(a.amount, `applications[${i}].amount`, { positive: true });
  });
}

/** Checks a failed attempt to record. */
export function checkFailureInput(input: RecordFailureInput): { method: string } {
  if (!isUUID(input?.clientId ?? '', 'all')) refuse('clientId', 'must be a UUID');
  if (input.invoiceId !== undefined && !isUUID(input.invoiceId, 'all')) refuse('invoiceId', 'must be a UUID');
  if (input.paymentId !== undefined && !isUUID(input.paymentId, 'all')) refuse('paymentId', 'must be a UUID');
  requireMinorUnits(input.amount, 'amount');
  requireCurrency(input.currency, 'currency');
  return { method: checkMethod(input.method) };
}
