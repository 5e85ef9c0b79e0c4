import { isDateTime, isUuid } from '../../decorators';
import { JsonSchema } from '../schema/json-schema';

/**
 * What to rewrite in a payload, compiled once per schema ref from the JSON Schema `format`s the
 * field decorators emit (never from field names): `uuid` → lower case, `date-time` → UTC with `Z`.
 * `undefined` where nothing below a node needs it.
 */
type Plan =
  | { kind: 'uuid' }
  | { kind: 'date-time' }
  | { kind: 'object'; props: Map<string, Plan>; entries: Array<[string, Plan]>; additional?: Plan }
  | { kind: 'array'; items: Plan }
  | { kind: 'any'; plans: Plan[] };

const DATE_TIME_PARTS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|([+-])(\d{2}):(\d{2}))$/;

/** A UUID in its canonical (RFC 9562 §4) lower-case form; anything else unchanged. */
export function canonicalUuid(value: string): string {
  // Nothing to fold (the common case): lower-casing would change nothing, whether a UUID or not.
  if (!HAS_UPPER.test(value)) return value;
  return isUuid(value) ? value.toLowerCase() : value;
}

const HAS_UPPER = /[A-Z]/;

/**
 * An RFC 3339 date-time in UTC with `Z`, fraction digits kept as written; anything else (or a time
 * whose UTC form would leave years 0000-9999) unchanged.
 */
export function canonicalDateTime(value: string): string {
  // Already UTC (or not a date-time): unchanged either way.
  if (value.endsWith('Z')) return value;
  if (!isDateTime(value)) return value;
  const m = DATE_TIME_PARTS.exec(value)!;
  if (m[8] === 'Z') return value;
  const offsetMinutes = (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  // setUTCFullYear, not Date.UTC, which reads years 0-99 as 1900-1999.
  const utc = new Date(0);
  utc.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  utc.setUTCHours(Number(m[4]), Number(m[5]) - offsetMinutes, Number(m[6]), 0);
  const year = utc.getUTCFullYear();
  if (year < 0 || year > 9999) return value;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(utc.getUTCFullYear(), 4)}-${pad(utc.getUTCMonth() + 1)}-${pad(utc.getUTCDate())}T${pad(utc.getUTCHours())}:${pad(utc.getUTCMinutes())}:${pad(utc.getUTCSeconds())}${m[7] ?? ''}Z`;
}

function compile(node: JsonSchema | undefined, root: JsonSchema, seen: Set<string>): Plan | undefined {
  if (!node || typeof node !== 'object') return undefined;
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace(/^#\/definitions\//, '');
    if (seen.has(name)) return undefined; // a recursive type: its first level is covered
    return compile(root.definitions?.[name], root, new Set([...seen, name]));
  }
  const alternatives = [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]
    .map((n: JsonSchema) => compile(n, root, seen))
    .filter((p: Plan | undefined): p is Plan => !!p);
  let own: Plan | undefined;
  if (node.format === 'uuid') own = { kind: 'uuid' };
  else if (node.format === 'date-time') own = { kind: 'date-time' };
  else if (node.items) {
    const items = compile(node.items, root, seen);
    if (items) own = { kind: 'array', items };
  } else if (node.properties || (node.additionalProperties && typeof node.additionalProperties === 'object')) {
    const props = new Map<string, Plan>();
    for (const [k, v] of Object.entries(node.properties ?? {})) {
      const p = compile(v as JsonSchema, root, seen);
      if (p) props.set(k, p);
    }
    const additional = typeof node.additionalProperties === 'object' ? compile(node.additionalProperties, root, seen) : undefined;
    if (props.size || additional) own = { kind: 'object', props, entries: [...props.entries()], additional };
  }
  const plans = own ? [own, ...alternatives] : alternatives;
  return plans.length === 0 ? undefined : plans.length === 1 ? plans[0] : { kind: 'any', plans };
}

const hasOwn = Object.prototype.hasOwnProperty;

/** defineProperty: a `__proto__` key stays an own key for the validator to refuse. */
function defineOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  return Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Copy-on-write: the mapper's own objects are never modified. */
function apply(plan: Plan, value: unknown): unknown {
  switch (plan.kind) {
    case 'uuid':
      return typeof value === 'string' ? canonicalUuid(value) : value;
    case 'date-time':
      return typeof value === 'string' ? canonicalDateTime(value) : value;
    case 'array': {
      if (!Array.isArray(value)) return value;
      let out: unknown[] | undefined;
      value.forEach((item, i) => {
        const next = apply(plan.items, item);
        if (next !== item) (out ??= [...value])[i] = next;
      });
      return out ?? value;
    }
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      let out: Record<string, unknown> | undefined;
      const source = value as Record<string, unknown>;
      if (!plan.additional) {
        // Only the planned keys can change: visit those, not every key of the payload.
        for (const [k, p] of plan.entries) {
          if (!hasOwn.call(source, k)) continue;
          const v = source[k];
          const next = apply(p, v);
          if (next !== v) out = defineOwn(out ?? { ...source }, k, next);
        }
        return out ?? value;
      }
      for (const k of Object.keys(source)) {
        const p = plan.props.get(k) ?? (plan.props.has(k) ? undefined : plan.additional);
        if (!p) continue;
        const v = source[k];
        const next = apply(p, v);
        if (next !== v) out = defineOwn(out ?? { ...source }, k, next);
      }
      return out ?? value;
    }
    case 'any':
      return plan.plans.reduce((v, p) => apply(p, v), value);
  }
}

/** Canonicalises payloads of each schema ref by its JSON Schema; plans are compiled once per ref. */
export class CanonicalForm {
  private readonly plans = new Map<string, Plan | undefined>();

  constructor(private readonly schemaOf: (schemaRef: string) => JsonSchema | undefined) {}

  payload<T>(schemaRef: string, payload: T): T {
    if (!this.plans.has(schemaRef)) {
      const schema = this.schemaOf(schemaRef);
      this.plans.set(schemaRef, schema ? compile(schema, schema, new Set()) : undefined);
    }
    const plan = this.plans.get(schemaRef);
    return plan ? (apply(plan, payload) as T) : payload;
  }
}
