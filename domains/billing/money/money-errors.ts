import { DomainInputError } from '../../../lib/kit';

/**
 * An amount or currency was refused before anything was written: `field` names the input
 * (`amount`, `currency`, `weights[2]`, …), the message says what it must be.
 */
export class MoneyInputError extends DomainInputError {
  constructor(field: string, reason: string) {
    super(field, reason, 'MONEY_INPUT_INVALID', 'amount');
  }
}

/** Two amounts of different currencies met in one sum, comparison or allocation; `field` names the second. */
export class CurrencyMismatchError extends DomainInputError {
  constructor(
    field: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(field, `is in ${actual}, but the amounts it is combined with are in ${expected} (currencies are never mixed)`, 'CURRENCY_MISMATCH', 'amount');
  }
}
