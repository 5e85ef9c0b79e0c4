/** Deep "contains": every key of `expected` is in `actual` with a matching value; arrays match exactly by position. */
export function isDeepSubset(actual: unknown, expected: unknown): boolean {
  if (expected === actual) return true;
  if (expected instanceof RegExp) return typeof actual === 'string' && expected.test(actual);
  if (typeof expected === 'function') return (expected as (v: unknown) => boolean)(actual);
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => isDeepSubset(actual[i], e));
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object') return false;
    return Object.entries(expected).every(([k, v]) => isDeepSubset((actual as Record<string, unknown>)[k], v));
  }
  return false;
}
