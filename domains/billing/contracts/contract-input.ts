import { isCalendarDate, isUuid } from '../../../lib/kit';
import { isCurrency } from '../money/currency';
import { BILLING_FREQUENCIES, BillingFrequency, Contract, ContractFields, ContractLine, ContractPatch, CreateContractInput } from './contract';
import { ContractInputError } from './contract-errors';

/**
 * Checks of contract input, before anything is written. Each refusal is a ContractInputError
 * naming the field. The rules: a name of 1–200 characters; dates as YYYY-MM-DD with the end on or
 * after the start; an upper-case ISO 4217 currency with a minor unit (money/currency.ts; amounts are
 * minor units of it: cents, yen, fils); lines with text, a whole quantity > 0 and a whole
 * unit price >= 0 in minor units, whose total per period is a safe integer.
 */

const NAME_MAX = 200;
const MAX_LINES = 100;

const fail = (field: string, reason: string): never => {
  throw new ContractInputError(field, reason);
};

export function checkNewContract(input: CreateContractInput): { clientId: string } & ContractFields {
  if (!input || typeof input !== 'object') fail('input', 'must be an object');
  if (typeof input.clientId !== 'string' || !isUuid(input.clientId)) fail('clientId', 'must be a UUID');
  return {
    clientId: input.clientId.toLowerCase(),
    ...checkFields({
      name: input.name,
      startDate: input.startDate,
      endDate: input.endDate ?? null,
      currency: input.currency ?? 'USD',
      billingFrequency: input.billingFrequency ?? 'monthly',
      lines: input.lines ?? [],
    }),
  };
}

/** The contract's fields with `patch` applied and checked. */
export function applyContractPatch(before: Contract, patch: ContractPatch): ContractFields {
  if (!patch || typeof patch !== 'object') fail('patch', 'must be an object');
  const current = contractFieldsOf(before);
  return checkFields({
    name: patch.name !== undefined ? patch.name : current.name,
    startDate: patch.startDate !== undefined ? patch.startDate : current.startDate,
    endDate: patch.endDate !== undefined ? patch.endDate : current.endDate,
    currency: patch.currency !== undefined ? patch.currency : current.currency,
    billingFrequency: patch.billingFrequency !== undefined ? patch.billingFrequency : current.billingFrequency,
    lines: patch.lines !== undefined ? patch.lines : current.lines,
  });
}

/** The flat view CONTRACT_UPDATED diffs (lines compare as a whole list). */
export const contractFieldsOf = (c: Contract | ContractFields): ContractFields => ({
  name: c.name,
  startDate: c.startDate,
  endDate: c.endDate ?? null,
  currency: c.currency,
  billingFrequency: c.billingFrequency,
  lines: c.lines.map((l) => ({ description: l.description, quantity: l.quantity, unitPrice: l.unitPrice })),
});

function checkFields(f: { name: unknown; startDate: unknown; endDate: unknown; currency: unknown; billingFrequency: unknown; lines: unknown }): ContractFields {
  if (typeof f.name !== 'string' || !f.name.trim()) fail('name', 'must not be empty');
  const name = (f.name as string).trim();
  if (name.length > NAME_MAX) fail('name', `must be at most ${NAME_MAX} characters`);
  if (!isCalendarDate(f.startDate)) fail('startDate', 'must be a calendar date YYYY-MM-DD');
  if (f.endDate !== null && !isCalendarDate(f.endDate)) fail('endDate', 'must be a calendar date YYYY-MM-DD or null');
  // YYYY-MM-DD strings order as the dates do.
  if (f.endDate !== null && (f.endDate as string) < (f.startDate as string)) fail('endDate', 'must not be before startDate');
  if (!isCurrency(f.currency)) fail('currency', 'must be an upper-case ISO 4217 code');
  if (!BILLING_FREQUENCIES.includes(f.billingFrequency as BillingFrequency)) fail('billingFrequency', `must be one of ${BILLING_FREQUENCIES.join(', ')}`);
  return {
    name,
    startDate: f.startDate as string,
    endDate: (f.endDate as string | null) ?? null,
    currency: f.currency as string,
    billingFrequency: f.billingFrequency as BillingFrequency,
    lines: checkLines(f.lines),
  };
}

function checkLines(lines: unknown): ContractLine[] {
  if (!Array.isArray(lines)) return fail('lines', 'must be a list');
  if (lines.length > MAX_LINES) fail('lines', `must hold at most ${MAX_LINES} lines`);
  const checked = lines.map((l: any, i): ContractLine => {
    if (typeof l?.description !== 'string' || !l.description.trim()) fail(`lines[${i}].description`, 'must not be empty');
    if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0) fail(`lines[${i}].quantity`, 'must be a whole number > 0');
    if (!Number.isSafeInteger(l.unitPrice) || l.unitPrice < 0) fail(`lines[${i}].unitPrice`, 'must be a whole number >= 0 (minor units)');
    return { description: l.description.trim(), quantity: l.quantity, unitPrice: l.unitPrice };
  });
  const total = checked.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
  if (!Number.isSafeInteger(total)) fail('lines', 'add up to a total too large to store exactly');
  return checked;
}
