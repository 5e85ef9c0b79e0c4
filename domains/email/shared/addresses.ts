import { isEmail } from 'class-validator';
import { EmailInputError } from './email-errors';

/** An address as stored and compared: trimmed and lower-cased (domains are case-insensitive; local parts are in practice). */
export const normalizeAddress = (address: string): string => address.trim().toLowerCase();

/** Validates and normalises one address; EmailInputError naming `field` otherwise. */
export function requireAddress(field: string, value: unknown): string {
  if (typeof value !== 'string' || !isEmail(value.trim())) throw new EmailInputError(field, 'must be an email address');
  return normalizeAddress(value);
}

/** Validates a list of addresses (`field[i]` names the bad one); `required` refuses an empty list. */
export function requireAddresses(field: string, value: unknown, required: boolean): string[] {
  if (value === undefined || value === null) {
    if (required) throw new EmailInputError(field, 'needs at least one address');
    return [];
  }
  if (!Array.isArray(value)) throw new EmailInputError(field, 'must be a list of email addresses');
  if (required && !value.length) throw new EmailInputError(field, 'needs at least one address');
  return [...new Set(value.map((v, i) => requireAddress(`${field}[${i}]`, v)))];
}

/** The domain part of an address. */
export const domainOf = (address: string): string => address.slice(address.lastIndexOf('@') + 1);

/** `local+tag@domain` (RFC 5233 subaddress) of `address`. */
export function withSubaddress(address: string, tag: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}+${tag}@${address.slice(at + 1)}`;
}

/** The tag of `local+tag@domain` when the local part before `+` equals `base`'s, else undefined. */
export function subaddressOf(address: string, base: string): string | undefined {
  const a = normalizeAddress(address);
  const b = normalizeAddress(base);
  const at = a.lastIndexOf('@');
  if (at < 0 || a.slice(at) !== b.slice(b.lastIndexOf('@'))) return undefined;
  const local = a.slice(0, at);
  const prefix = `${b.slice(0, b.lastIndexOf('@'))}+`;
  return local.startsWith(prefix) ? local.slice(prefix.length) : undefined;
}

/** Message-IDs are compared without angle brackets or surrounding space. */
export const bareMessageId = (id: string): string => id.trim().replace(/^<|>$/g, '').trim();
