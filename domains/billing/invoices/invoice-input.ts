import { isISO4217CurrencyCode, isUUID } from 'class-validator';
import { InvoiceInputError } from './invoice-errors';
import { GenerateInvoiceInput } from './invoice';
import { isCalendarDay } from './calendar-date';

/**
 * Checks the input up front: a draft the INVOICE_* schemas would refuse (e.g. currency `usd`)
 * could never be finalized. Returns the currency and total to store.
 */
export function checkInvoiceInput(input: GenerateInvoiceInput): { currency: string; totalAmount: number } {
  const refuse = (field: string, reason: string): never => {
    throw new InvoiceInputError(field, reason);
  };
  if (!isUUID(input.clientId, 'all')) refuse('clientId', 'must be a UUID');
  const currency = input.currency ?? 'USD';
  if (!/^[A-Z]{3}$/.test(currency) || !isISO4217CurrencyCode(currency)) refuse('currency', 'must be an upper-case ISO 4217 code');
  if (input.dueDate !== undefined && !isCalendarDay(input.dueDate)) refuse('dueDate', 'must be a calendar date YYYY-MM-DD');
  if (!Array.isArray(input.lines) || !input.lines.length) refuse('lines', 'must hold at least one line');
  input.lines.forEach((l, i) => {
    if (typeof l?.description !== 'string' || !l.description.trim()) refuse(`lines[${i}].description`, 'must not be empty');
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0) refuse(`lines[${i}].quantity`, 'must be a whole number > 0');
    if (!Number.isSafeInteger(l.unitPrice) || l.unitPrice < 0) refuse(`lines[${i}].unitPrice`, 'must be a whole number >= 0 (minor units)');
  });
  const totalAmount = input.lines.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
  if (!Number.isSafeInteger(totalAmount)) refuse('lines', 'add up to a total too large to store exactly');
  return { currency, totalAmount };
}
