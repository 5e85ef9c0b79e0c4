import { isEmail } from 'class-validator';
import { DELIVERY_METHODS, SendInvoiceInput } from './invoice';
import { InvoiceInputError } from './invoice-errors';
import { isCalendarDay } from './calendar-date';

/** Checks a sending: the method, and for email at least one valid address. Returns the recipients to store. */
export function checkSendInput(input: SendInvoiceInput): string[] {
  if (!DELIVERY_METHODS.includes(input?.deliveryMethod)) throw new InvoiceInputError('deliveryMethod', `must be one of ${DELIVERY_METHODS.join(', ')}`);
  if (input.deliveryMethod !== 'email') return [];
  const recipients = input.recipients ?? [];
  if (!Array.isArray(recipients) || !recipients.length) throw new InvoiceInputError('recipients', 'must hold at least one address for email');
  recipients.forEach((r, i) => {
    if (typeof r !== 'string' || !isEmail(r)) throw new InvoiceInputError(`recipients[${i}]`, 'must be an email address');
  });
  return [...new Set(recipients.map((r) => r.trim()))];
}

/** Checks a due date (YYYY-MM-DD, a real day). */
export function checkDueDate(value: unknown, field = 'dueDate'): string {
  if (!isCalendarDay(value)) throw new InvoiceInputError(field, 'must be a calendar date YYYY-MM-DD');
  return value;
}
