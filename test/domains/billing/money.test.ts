import { expect } from 'chai';
import {
  addMoney,
  allocate,
  currencyExponent,
  CurrencyMismatchError,
  fromMajorUnits,
  money,
  MoneyInputError,
  splitEvenly,
  sumMoney,
  toMajorUnits,
} from '../../../domains/billing';

describe('billing: money', () => {
  it('knows each currency its own exponent (ISO 4217)', () => {
    expect(currencyExponent('USD')).to.equal(2);
    expect(currencyExponent('JPY')).to.equal(0);
    expect(currencyExponent('KWD')).to.equal(3);
    expect(currencyExponent('CLF')).to.equal(4);
  });

  for (const bad of ['usd', 'XYZ', 'US', '', 'EURO']) {
    it(`refuses the currency ${JSON.stringify(bad)} naming the field`, () => {
      expect(() => money(100, bad, 'total')).to.throw(MoneyInputError).with.property('field', 'total.currency');
    });
  }

  for (const bad of [1.5, Number.NaN, Infinity, 2 ** 53, '100' as unknown as number]) {
    it(`refuses the amount ${String(bad)}: only whole minor units`, () => {
      expect(() => money(bad, 'USD')).to.throw(MoneyInputError).with.property('field', 'amount');
    });
  }

  it('formats and parses major units by the exponent, with strings, never floats', () => {
    expect(toMajorUnits({ amount: 1234, currency: 'USD' })).to.equal('12.34');
    expect(toMajorUnits({ amount: 5, currency: 'USD' })).to.equal('0.05');
    expect(toMajorUnits({ amount: -5, currency: 'USD' })).to.equal('-0.05');
    expect(toMajorUnits({ amount: 1234, currency: 'JPY' })).to.equal('1234');
    expect(toMajorUnits({ amount: 1234, currency: 'KWD' })).to.equal('1.234');
    expect(fromMajorUnits('0.29', 'USD').amount).to.equal(29); // 0.29 * 100 is 28.999999999999996 in floats
    expect(fromMajorUnits('1.5', 'KWD').amount).to.equal(1500);
    expect(fromMajorUnits('1200', 'JPY').amount).to.equal(1200);
    expect(() => fromMajorUnits('1.5', 'JPY')).to.throw(MoneyInputError, /0 decimal digit/);
    expect(() => fromMajorUnits('1.2345', 'KWD')).to.throw(MoneyInputError);
    expect(() => fromMajorUnits('1e3', 'USD')).to.throw(MoneyInputError);
  });

  it('never mixes currencies', () => {
    const err = (() => {
      try {
        addMoney({ amount: 1, currency: 'USD' }, { amount: 1, currency: 'EUR' }, 'payment.amount');
      } catch (e) {
        return e;
      }
    })() as CurrencyMismatchError;
    expect(err).to.be.instanceOf(CurrencyMismatchError);
    expect(err).to.include({ field: 'payment.amount', expected: 'USD', actual: 'EUR', code: 'CURRENCY_MISMATCH' });
    expect(() => sumMoney('JPY', [{ amount: 1, currency: 'JPY' }, { amount: 1, currency: 'KWD' }])).to.throw(CurrencyMismatchError).with.property('field', 'amounts[1]');
    expect(sumMoney('KWD', [{ amount: 1, currency: 'KWD' }, { amount: 2, currency: 'KWD' }]).amount).to.equal(3);
  });

  it('splits by the largest remainder: parts add up exactly, ties to the earlier part', () => {
    expect(splitEvenly({ amount: 100, currency: 'USD' }, 3).map((m) => m.amount)).to.deep.equal([34, 33, 33]);
    expect(splitEvenly({ amount: -100, currency: 'USD' }, 3).map((m) => m.amount)).to.deep.equal([-34, -33, -33]);
    expect(allocate({ amount: 1000, currency: 'JPY' }, [1, 2]).map((m) => m.amount)).to.deep.equal([333, 667]);
    expect(allocate({ amount: 5, currency: 'KWD' }, [0, 1, 0]).map((m) => m.amount)).to.deep.equal([0, 5, 0]);
    expect(allocate({ amount: 0, currency: 'USD' }, [1, 1]).map((m) => m.amount)).to.deep.equal([0, 0]);
    const big = Number.MAX_SAFE_INTEGER;
    expect(allocate({ amount: big, currency: 'USD' }, [big, 1, 7]).reduce((s, m) => s + BigInt(m.amount), 0n)).to.equal(BigInt(big));
  });

  it('never loses or invents a minor unit, whatever the weights', () => {
    let seed = 42;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    for (let round = 0; round < 500; round++) {
      const amount = rand(10_000_000) - 1_000_000;
      const weights = Array.from({ length: 1 + rand(7) }, () => rand(1000));
      if (!weights.some((w) => w > 0)) weights[0] = 1;
      const parts = allocate({ amount, currency: 'KWD' }, weights);
      expect(parts.reduce((s, m) => s + m.amount, 0)).to.equal(amount);
      parts.forEach((m) => expect(Number.isSafeInteger(m.amount)).to.equal(true));
    }
  });

  it('refuses weights it cannot split by, naming them', () => {
    expect(() => allocate({ amount: 1, currency: 'USD' }, [])).to.throw(MoneyInputError).with.property('field', 'weights');
    expect(() => allocate({ amount: 1, currency: 'USD' }, [0, 0])).to.throw(MoneyInputError).with.property('field', 'weights');
    expect(() => allocate({ amount: 1, currency: 'USD' }, [1, -1])).to.throw(MoneyInputError).with.property('field', 'weights[1]');
    expect(() => allocate({ amount: 1, currency: 'USD' }, [0.5])).to.throw(MoneyInputError).with.property('field', 'weights[0]');
  });
});
