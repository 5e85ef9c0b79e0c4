import { EmissionContextView } from '../../decorators';

/** Small helpers for `@EmitsEvent` mappers; each keeps the payload's type so tsc can check it. */

/** Payload timestamps: ISO 8601, UTC `Z`. */
export const iso = (d: Date): string => d.toISOString();

/** An optional timestamp: absent stays absent. */
export const isoOrUndefined = (d: Date | null | undefined): string | undefined => (d ? d.toISOString() : undefined);

/** An optional list is left out rather than sent empty. */
export const nonEmpty = <T>(list: readonly T[]): T[] | undefined => (list.length ? [...list] : undefined);

/** Items of `a` missing from `b`. */
export const without = <T>(a: readonly T[], b: readonly T[]): T[] => a.filter((x) => !b.includes(x));

/**
 * A mapper for something that may not have happened: no event unless `happened(result)`.
 * `build` gets the result and the emission context.
 */
export const when =
  <R, P>(happened: (result: R) => boolean, build: (result: R, ctx: EmissionContextView) => P) =>
  (result: R, _args: unknown, ctx: EmissionContextView): P | undefined =>
    happened(result) ? build(result, ctx) : undefined;

/** Values compare equal as JSON would carry them (undefined and null alike). */
export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export interface FieldChange {
  previous: unknown;
  new: unknown;
}

/** What an update changed: the `updatedFields` and `changes` pair of *_UPDATED payloads. */
export interface FieldChanges {
  updatedFields: string[];
  changes: Record<string, FieldChange>;
}

/**
 * `{ previous, new }` per dot-path whose value differs between two flat views of a record
 * (`{ name, 'address.city', ... }`); null stands for unset. Without `before` (creation), every
 * path that is set counts as changed from null. An empty result means the save changed nothing.
 */
export function diffFields(before: Record<string, unknown> | undefined, after: Record<string, unknown>): FieldChanges {
  const changes: Record<string, FieldChange> = {};
  for (const [path, value] of Object.entries(after)) {
    const empty = value === null || value === undefined || (Array.isArray(value) && !value.length);
    if (before ? !sameValue(before[path], value) : !empty) changes[path] = { previous: before?.[path] ?? null, new: value ?? null };
  }
  return { updatedFields: Object.keys(changes), changes };
}
