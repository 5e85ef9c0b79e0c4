import { currencyExponent, requireCurrency } from './currency';
import { CurrencyMismatchError, MoneyInputError } from './money-errors';

/**
 * An amount of money: `amount` is a whole number of the currency's minor unit (cents for USD,
 * yen for JPY, fils for KWD), never a float; `currency` an upper-case ISO 4217 code.
 */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

/** Checks a minor-unit amount: a safe integer, >= 0 unless `allowNegative`. @throws MoneyInputError naming `field`. */
export function requireMinorUnits(amount: unknown, field = 'amount', opts: { allowNegative?: boolean; positive?: boolean } = {}): number {
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) throw new MoneyInputError(field, 'must be a whole number of minor units (e.g. cents)');
  if (opts.positive && amount <= 0) throw new MoneyInputError(field, 'must be greater than 0');
  if (!opts.allowNegative && amount < 0) throw new MoneyInputError(field, 'must not be negative');
  return amount;
}

/** A checked Money value. @throws MoneyInputError naming `<field>.amount` / `<field>.currency` (or `amount`/`currency`). */
export function money(amount: number, currency: string, field?: string): Money {
  const at = (name: string) => (field ? `${field}.${name}` : name);
  return { amount: requireMinorUnits(amount, at('amount'), { allowNegative: true }), currency: requireCurrency(currency, at('currency')) };
}

/** Refuses `b` unless it is in `a`'s currency. @throws CurrencyMismatchError naming `field`. */
export function assertSameCurrency(a: Money | string, b: Money | string, field = 'currency'): void {
  const expected = typeof a === 'string' ? a : a.currency;
  const actual = typeof b === 'string' ? b : b.currency;
  if (expected !== actual) throw new CurrencyMismatchError(field, expected, actual);
}

/** a + b in one currency; refuses a sum outside the safe-integer range. */
export function addMoney(a: Money, b: Money, field = 'amount'): Money {
  assertSameCurrency(a, b, field);
  return { amount: requireMinorUnits(a.amount + b.amount, field, { allowNegative: true }), currency: a.currency };
}

/** a − b in one currency. */
export function subtractMoney(a: Money, b: Money, field = 'amount'): Money {
  assertSameCurrency(a, b, field);
  return { amount: requireMinorUnits(a.amount - b.amount, field, { allowNegative: true }), currency: a.currency };
}

/** Sum of amounts of one currency (zero of `currency` for none). */
export function sumMoney(currency: string, amounts: readonly Money[], field = 'amounts'): Money {
  return amounts.reduce((sum, m, i) => addMoney(sum, m, `${field}[${i}]`), { amount: 0, currency: requireCurrency(currency) });
}

/**
 * The amount as a decimal string in major units with exactly the currency's exponent of digits:
 * 1234 USD → "12.34", 1234 JPY → "1234", 1234 KWD → "1.234", -5 USD → "-0.05". String arithmetic, no floats.
 */
export function toMajorUnits(m: Money): string {
  const exponent = currencyExponent(m.currency);
  const digits = String(Math.abs(m.amount)).padStart(exponent + 1, '0');
  const sign = m.amount < 0 ? '-' : '';
  return exponent ? `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}` : `${sign}${digits}`;
}

/**
 * Parses a decimal string in major units ("12.34" USD → 1234; "1.5" KWD → 1500; "1200" JPY → 1200).
 * More fraction digits than the currency has are refused, never rounded.
 * @throws MoneyInputError naming `field`.
 */
export function fromMajorUnits(text: string, currency: string, field = 'amount'): Money {
  const exponent = currencyExponent(currency);
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(text).trim());
  if (!match) throw new MoneyInputError(field, 'must be a decimal number such as 12.34');
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > exponent) throw new MoneyInputError(field, `has more than the ${exponent} decimal digit(s) of ${currency}`);
  const minor = BigInt(whole + fraction.padEnd(exponent, '0')) * (sign ? -1n : 1n);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) throw new MoneyInputError(field, 'is too large to store exactly');
  return { amount: Number(minor), currency };
}
