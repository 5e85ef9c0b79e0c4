import { isEmail } from 'class-validator';
import { DomainInputError, isUuid } from '../../../lib/kit';

/**
 * Field checks shared by the CRM inputs. Each throws the caller's input error (`fail(field,
 * reason)`) naming the field, before anything is written.
 */
export type Fail = (field: string, reason: string) => DomainInputError;

export const NAME_MAX = 255;
export const TEXT_MAX = 10_000;

/** Required text, trimmed; returns the trimmed value. */
export function requiredText(fail: Fail, field: string, value: unknown, max = NAME_MAX): string {
  if (typeof value !== 'string' || !value.trim()) throw fail(field, 'must not be empty');
  if (value.trim().length > max) throw fail(field, `must be at most ${max} characters`);
  return value.trim();
}

/** Optional text: undefined is absent, null (or blank) clears it. */
export function optionalText(fail: Fail, field: string, value: unknown, max = NAME_MAX): string | null | undefined {
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string') throw fail(field, 'must be a string');
  if (value.trim().length > max) throw fail(field, `must be at most ${max} characters`);
  return value.trim() || null;
}

/** A UUID, lower-cased (PostgreSQL folds uuids to lower case; SQLite compares them as text). */
export function requiredUuid(fail: Fail, field: string, value: unknown): string {
  if (typeof value !== 'string' || !isUuid(value)) throw fail(field, 'must be a UUID');
  return value.toLowerCase();
}

export function optionalUuid(fail: Fail, field: string, value: unknown): string | null | undefined {
  return value === undefined || value === null ? value : requiredUuid(fail, field, value);
}

/** One address (`ops@example.com`, no display name), trimmed; compared case-insensitively. */
export function optionalEmail(fail: Fail, field: string, value: unknown): string | null | undefined {
  const text = optionalText(fail, field, value, 320);
  if (text && !isEmail(text)) throw fail(field, 'must be one email address such as ops@example.com');
  return text;
}

/** The key emails are found and kept unique by: trimmed, lower case. */
export const emailKey = (address: string): string => address.trim().toLowerCase();

export function oneOf<T extends string>(fail: Fail, field: string, value: unknown, values: readonly T[]): T {
  if (!values.includes(value as T)) throw fail(field, `must be one of ${values.join(', ')}`);
  return value as T;
}

/** An id from a caller that the database can compare (PostgreSQL refuses a malformed uuid outright). */
export const looksLikeId = (id: unknown): id is string => typeof id === 'string' && isUuid(id);
