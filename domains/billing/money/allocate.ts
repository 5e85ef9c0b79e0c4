import { requireCurrency } from './currency';
import { Money, requireMinorUnits } from './money';
import { MoneyInputError } from './money-errors';

/**
 * Splits an amount into parts proportional to whole-number `weights`, in minor units, so that
 * the parts always add up to the amount exactly: no minor unit is lost or invented.
 *
 * Rounding rule (largest remainder, a.k.a. Hamilton): each part first gets
 * floor(|amount| × weight / Σweights); the minor units left over (fewer than the number of
 * parts) go one each to the parts with the largest remainders, ties to the earlier part.
 * A negative amount is split as its absolute value and each part negated. Zero weights get 0.
 * Computed in BigInt, so no intermediate product overflows or rounds.
 *
 *   allocate({ amount: 100, currency: 'USD' }, [1, 1, 1]) → 34, 33, 33
 *   allocate({ amount: 1000, currency: 'JPY' }, [1, 2])   → 333, 667
 *
 * @throws MoneyInputError naming `weights` / `weights[i]` (not whole numbers >= 0, or all zero),
 *         `amount` or `currency`.
 */
export function allocate(total: Money, weights: readonly number[]): Money[] {
  const currency = requireCurrency(total.currency);
  const amount = requireMinorUnits(total.amount, 'amount', { allowNegative: true });
  if (!Array.isArray(weights) || !weights.length) throw new MoneyInputError('weights', 'must hold at least one weight');
  weights.forEach((w, i) => {
    if (!Number.isSafeInteger(w) || w < 0) throw new MoneyInputError(`weights[${i}]`, 'must be a whole number >= 0');
  });
  const sum = weights.reduce((s, w) => s + BigInt(w), 0n);
  if (sum === 0n) throw new MoneyInputError('weights', 'must not all be zero');
  const absolute = BigInt(Math.abs(amount));
  const shares = weights.map((w, index) => {
    const exact = absolute * BigInt(w);
    return { index, floor: exact / sum, remainder: exact % sum };
  });
  let left = absolute - shares.reduce((s, p) => s + p.floor, 0n);
  const byRemainder = [...shares].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const share of byRemainder) {
    if (left === 0n) break;
    if (share.remainder === 0n) continue;
    share.floor += 1n;
    left -= 1n;
  }
  const sign = amount < 0 ? -1 : 1;
  return shares.map((s) => ({ amount: sign * Number(s.floor) || 0, currency }));
}

/** Splits an amount into `parts` equal shares by the rule of {@link allocate} (earlier parts get the extra minor units). */
export function splitEvenly(total: Money, parts: number): Money[] {
  if (!Number.isSafeInteger(parts) || parts < 1) throw new MoneyInputError('parts', 'must be a whole number >= 1');
  return allocate(total, Array.from({ length: parts }, () => 1));
}
