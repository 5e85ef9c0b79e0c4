import { code as iso4217 } from 'currency-codes';
import { MoneyInputError } from './money-errors';

/**
 * ISO 4217 currencies and their minor units, from the `currency-codes` package (the ISO 4217
 * maintenance agency's list). Exponent = how many decimal digits the minor unit has: USD 2
 * (cents), JPY 0 (no minor unit), KWD 3 (fils), CLF 4.
 */

/** True for an upper-case ISO 4217 code with a defined minor unit (`usd`, `XYZ` and funds without one are false). */
export function isCurrency(code: unknown): code is string {
  if (typeof code !== 'string' || !/^[A-Z]{3}$/.test(code)) return false;
  const record = iso4217(code);
  return !!record && Number.isInteger(record.digits);
}

/**
 * The number of decimal digits of the currency's minor unit (USD 2, JPY 0, KWD 3).
 * @throws MoneyInputError naming `field` for a code that is not an upper-case ISO 4217 currency.
 */
export function currencyExponent(code: string, field = 'currency'): number {
  if (!isCurrency(code)) throw new MoneyInputError(field, 'must be an upper-case ISO 4217 currency code');
  return iso4217(code)!.digits;
}

/** Checks and returns the currency code. @throws MoneyInputError naming `field`. */
export function requireCurrency(code: unknown, field = 'currency'): string {
  if (!isCurrency(code)) throw new MoneyInputError(field, 'must be an upper-case ISO 4217 currency code');
  return code;
}
