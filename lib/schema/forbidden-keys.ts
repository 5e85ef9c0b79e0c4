import { FieldIssue } from './errors';

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Keys that could reach an object's prototype once the payload is turned into a class instance.
 * JSON.parse creates `__proto__` as an own key, so checking own keys catches wire input too.
 */
export function findForbiddenKeys(value: unknown, path = '', out: FieldIssue[] = []): FieldIssue[] {
  if (value === null || typeof value !== 'object') return out;
  for (const key of Object.keys(value)) {
    const at = path ? `${path}.${key}` : key;
    if (FORBIDDEN.has(key)) {
      out.push({ field: at, constraint: 'forbiddenKey', message: `key "${key}" is not allowed in a payload` });
      continue;
    }
    findForbiddenKeys((value as Record<string, unknown>)[key], at, out);
  }
  return out;
}
