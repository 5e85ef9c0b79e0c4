/** Money for billing: integer minor units of an ISO 4217 currency, exact splits, no floats, no mixed currencies. */
export * from './money';
export * from './currency';
export * from './allocate';
export * from './money-errors';
