import { DomainInputError, isCalendarDate, isUuid } from '../../lib/kit';

/**
 * Field checks shared by the projects module's inputs. Each throws the caller's input error
 * (`fail(field, reason)`) naming the field, before anything is written.
 */
export type Fail = (field: string, reason: string) => DomainInputError;

export const NAME_MAX = 255;
export const DESCRIPTION_MAX = 10_000;

/** Required text, trimmed; returns the trimmed value. */
export function requiredText(fail: Fail, field: string, value: unknown, max = NAME_MAX): string {
  if (typeof value !== 'string' || !value.trim()) throw fail(field, 'must not be empty');
  if (value.trim().length > max) throw fail(field, `must be at most ${max} characters`);
  return value.trim();
}

/** Optional text (undefined: absent, null: cleared, blank counts as cleared). */
export function optionalText(fail: Fail, field: string, value: unknown, max = DESCRIPTION_MAX): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string') throw fail(field, 'must be a string');
  if (value.length > max) throw fail(field, `must be at most ${max} characters`);
  return value.trim() || null;
}

export function requiredUuid(fail: Fail, field: string, value: unknown): string {
  if (typeof value !== 'string' || !isUuid(value)) throw fail(field, 'must be a UUID');
  return value.toLowerCase();
}

export function optionalUuid(fail: Fail, field: string, value: unknown): string | null | undefined {
  return value === undefined || value === null ? value : requiredUuid(fail, field, value);
}

/** A calendar date YYYY-MM-DD (the spec's `date`), or absent / null. */
export function optionalDate(fail: Fail, field: string, value: unknown): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (!isCalendarDate(value)) throw fail(field, 'must be a calendar date YYYY-MM-DD');
  return value as string;
}

/** One of `values`. */
export function oneOf<T extends string>(fail: Fail, field: string, value: unknown, values: readonly T[]): T {
  if (!values.includes(value as T)) throw fail(field, `must be one of ${values.join(', ')}`);
  return value as T;
}

/** An id from a caller that the database can compare (PostgreSQL refuses a malformed uuid outright). */
export const looksLikeId = (id: unknown): id is string => typeof id === 'string' && isUuid(id);
