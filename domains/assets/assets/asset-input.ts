import { isUUID } from 'class-validator';
import { AssetInputError } from './asset-errors';

const refuse = (field: string, reason: string): never => {
  throw new AssetInputError(field, reason);
};

/** A required free-text field: trimmed, 1..max characters. */
export function requiredText(field: string, value: unknown, max: number): string {
  if (typeof value !== 'string' || !value.trim()) return refuse(field, 'must not be empty');
  if (value.trim().length > max) refuse(field, `must be at most ${max} characters`);
  return value.trim();
}

/** An optional free-text field: undefined stays undefined, null or blank clears it (null). */
export function optionalText(field: string, value: unknown, max: number): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string') return refuse(field, 'must be a string');
  if (value.trim().length > max) refuse(field, `must be at most ${max} characters`);
  return value.trim() || null;
}

export function optionalUuid(field: string, value: unknown): string | null | undefined {
  if (value === undefined || value === null) return value as null | undefined;
  if (typeof value !== 'string' || !isUUID(value, 'all')) return refuse(field, 'must be a UUID');
  return value.toLowerCase();
}

export function optionalDate(field: string, value: unknown): Date | null | undefined {
  if (value === undefined || value === null) return value as null | undefined;
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return refuse(field, 'must be a valid date');
  return value;
}
