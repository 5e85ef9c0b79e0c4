import { WireFields } from './wire';

/** `[id, [k1, v1, k2, v2, …]]` as XREADGROUP, XRANGE and XAUTOCLAIM return entries. */
export type RawEntry = [string, string[] | null];

export function toFields(flat: string[]): WireFields {
  const fields: WireFields = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]] = flat[i + 1];
  return fields;
}

export function toArgs(fields: WireFields): string[] {
  return Object.entries(fields).flat();
}

/** Fields of a reply that lists `[key, value, …]` pairs (XINFO GROUPS rows). */
export function toRecord(flat: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = flat[i + 1];
  return out;
}

/** Rejects when any command of a pipeline or MULTI failed; otherwise the replies. */
export function repliesOf(results: Array<[Error | null, unknown]> | null, what: string): unknown[] {
  if (!results) throw new Error(`${what}: transaction aborted`);
  const failed = results.find(([err]) => err);
  if (failed) throw new Error(`${what}: ${failed[0]!.message}`);
  return results.map(([, reply]) => reply);
}
