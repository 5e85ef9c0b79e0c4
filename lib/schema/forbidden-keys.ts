import { FieldIssue } from './errors';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Objects and arrays nested deeper than this are refused before any recursive code sees them. */
export const MAX_PAYLOAD_DEPTH = 32;

/** Node 20 has String.prototype.isWellFormed (ES2024); TypeScript's lib here does not declare it. */
const isWellFormed = (s: string): boolean => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

function textIssue(text: string, field: string, what: string): FieldIssue | undefined {
  if (text.includes('\u0000')) return { field, constraint: 'noNulCharacter', message: `${what} contains a NUL character (\\u0000), which PostgreSQL text and jsonb cannot store` };
  if (!isWellFormed(text)) return { field, constraint: 'wellFormedUnicode', message: `${what} contains a lone UTF-16 surrogate (not valid Unicode text)` };
  return undefined;
}

const hasBadText = (text: string): boolean => text.includes('\u0000') || !isWellFormed(text);

/**
 * Whether `value` is free of everything findForbiddenKeys reports — the same rules, decided without
 * building paths or issues (the per-event fast path; findForbiddenKeys says what is wrong).
 * Recursion is bounded by MAX_PAYLOAD_DEPTH.
 */
export function isFreeOfForbiddenContent(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return !hasBadText(value);
  if (value === null || typeof value !== 'object') return true;
  if (depth >= MAX_PAYLOAD_DEPTH) return false;
  if (Array.isArray(value)) {
    // Arrays (dense or sparse) are checked through their keys, as findForbiddenKeys does.
    const keys = Object.keys(value);
    if (keys.length !== value.length) return isFreeOfForbiddenKeysGeneric(value, depth);
    for (let i = 0; i < value.length; i++) if (!isFreeOfForbiddenContent(value[i], depth + 1)) return false;
    return true;
  }
  return isFreeOfForbiddenKeysGeneric(value, depth);
}

/** Keys already found allowed (field names repeat event after event); bounded. */
const allowedKeys = new Set<string>();

function isAllowedKey(key: string): boolean {
  if (allowedKeys.has(key)) return true;
  if (FORBIDDEN.has(key) || hasBadText(key)) return false;
  if (allowedKeys.size < 10_000) allowedKeys.add(key);
  return true;
}

function isFreeOfForbiddenKeysGeneric(node: object, depth: number): boolean {
  for (const key of Object.keys(node)) {
    if (!isAllowedKey(key)) return false;
    if (!isFreeOfForbiddenContent((node as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/**
 * Content no payload may hold, whatever its schema says: keys that could reach an object's
 * prototype once the payload becomes a class instance (JSON.parse creates `__proto__` as an own
 * key, so own keys catch wire input too), NUL characters and lone surrogates in keys or strings
 * (PostgreSQL refuses them with 22P05/22021, after the business rows were written), and nesting
 * deeper than MAX_PAYLOAD_DEPTH. Iterative, so a hostile depth cannot exhaust the stack.
 */
export function findForbiddenKeys(value: unknown): FieldIssue[] {
  const out: FieldIssue[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (stack.length) {
    const { value: node, path, depth } = stack.pop()!;
    if (typeof node === 'string') {
      const issue = textIssue(node, path, `field "${path}"`);
      if (issue) out.push(issue);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    if (depth >= MAX_PAYLOAD_DEPTH) {
      out.push({ field: path, constraint: 'maxDepth', message: `nested more than ${MAX_PAYLOAD_DEPTH} levels deep` });
      continue;
    }
    const keys = Object.keys(node);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const at = path ? `${path}.${key}` : key;
      if (FORBIDDEN.has(key)) {
        out.push({ field: at, constraint: 'forbiddenKey', message: `key "${key}" is not allowed in a payload` });
        continue;
      }
      const keyIssue = textIssue(key, at, `key ${JSON.stringify(key)}`);
      if (keyIssue) {
        out.push(keyIssue);
        continue;
      }
      stack.push({ value: (node as Record<string, unknown>)[key], path: at, depth: depth + 1 });
    }
  }
  return out;
}
