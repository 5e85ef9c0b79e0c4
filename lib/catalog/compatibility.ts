import { JsonSchema } from '../schema/json-schema';

/**
 * Backward compatibility of a payload schema change: the new schema must accept every payload the
 * old one accepted, or consumers and stored events break. Anything else needs a new version.
 */
export type SchemaChangeCode =
  | 'FIELD_REMOVED'
  | 'FIELD_MADE_REQUIRED'
  | 'REQUIRED_FIELD_ADDED'
  | 'TYPE_CHANGED'
  | 'FORMAT_CHANGED'
  | 'ENUM_VALUE_REMOVED'
  | 'ENUM_RESTRICTED'
  | 'ADDITIONAL_PROPERTIES_TIGHTENED'
  | 'CONSTRAINT_TIGHTENED'
  // compatible
  | 'FIELD_ADDED'
  | 'FIELD_MADE_OPTIONAL'
  | 'ENUM_VALUE_ADDED'
  | 'CONSTRAINT_RELAXED';

export interface SchemaChange {
  code: SchemaChangeCode;
  /** Dot-path of the field (`comment.author`, `lines[]`); empty for the payload itself. */
  path: string;
  message: string;
  compatible: boolean;
}

const LOWER_BOUNDS = ['minimum', 'exclusiveMinimum', 'minLength', 'minItems', 'minProperties'] as const;
const UPPER_BOUNDS = ['maximum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'] as const;

interface Side {
  root: JsonSchema;
}

/** `#/definitions/X` resolved against the schema's own root (nested DTOs live there). */
function deref(node: JsonSchema | undefined, side: Side): JsonSchema {
  let current = node ?? {};
  for (let hops = 0; typeof current.$ref === 'string' && hops < 32; hops++) {
    const name = current.$ref.replace(/^#\/definitions\//, '');
    const { $ref: _r, ...siblings } = current;
    current = { ...(side.root.definitions?.[name] ?? {}), ...siblings };
  }
  return current;
}

function typesOf(s: JsonSchema): string[] | undefined {
  if (s.type !== undefined) return Array.isArray(s.type) ? s.type : [s.type];
  if (s.properties) return ['object'];
  if (s.items) return ['array'];
  return undefined; // any
}

function enumOf(s: JsonSchema): unknown[] | undefined {
  if (Array.isArray(s.enum)) return s.enum;
  return 'const' in s ? [s.const] : undefined;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const label = (path: string) => (path ? `field "${path}"` : 'payload');
const child = (path: string, key: string) => (path ? `${path}.${key}` : key);

class Comparison {
  readonly changes: SchemaChange[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly before: Side,
    private readonly after: Side,
  ) {}

  add(code: SchemaChangeCode, path: string, message: string, compatible: boolean): void {
    this.changes.push({ code, path, message, compatible });
  }

  compare(oldNode: JsonSchema | undefined, newNode: JsonSchema | undefined, path: string): void {
    const key = `${path}|${JSON.stringify(oldNode)}|${JSON.stringify(newNode)}`;
    if (this.seen.has(key)) return; // recursive DTOs
    this.seen.add(key);
    const o = deref(oldNode, this.before);
    const n = deref(newNode, this.after);

    if (!this.compareTypes(o, n, path)) return;
    this.compareFormat(o, n, path);
    this.compareEnum(o, n, path);
    this.compareBounds(o, n, path);
    this.compareObject(o, n, path);
    if (o.items || n.items) this.compare(o.items, n.items, `${path}[]`);
  }

  private compareTypes(o: JsonSchema, n: JsonSchema, path: string): boolean {
    const before = typesOf(o);
    const after = typesOf(n);
    if (!after) {
      if (before) this.add('CONSTRAINT_RELAXED', path, `${label(path)} now accepts any JSON value`, true);
      return true;
    }
    const covered = before?.every((t) => after.includes(t) || (t === 'integer' && after.includes('number')));
    if (!covered) {
      this.add('TYPE_CHANGED', path, `${label(path)} type changed from ${before?.join('|') ?? 'any'} to ${after.join('|')}`, false);
      return false;
    }
    return true;
  }

  private compareFormat(o: JsonSchema, n: JsonSchema, path: string): void {
    if (n.format && n.format !== o.format) {
      this.add('FORMAT_CHANGED', path, `${label(path)} format changed from ${o.format ?? 'none'} to ${n.format}`, false);
    }
    if (n.pattern && n.pattern !== o.pattern) {
      this.add('CONSTRAINT_TIGHTENED', path, `${label(path)} pattern changed to ${n.pattern}`, false);
    }
    if (o.format && !n.format) this.add('CONSTRAINT_RELAXED', path, `${label(path)} format ${o.format} dropped`, true);
  }

  private compareEnum(o: JsonSchema, n: JsonSchema, path: string): void {
    const before = enumOf(o);
    const after = enumOf(n);
    if (!after) {
      if (before) this.add('CONSTRAINT_RELAXED', path, `${label(path)} is no longer an enum`, true);
      return;
    }
    if (!before) {
      this.add('ENUM_RESTRICTED', path, `${label(path)} restricted to ${JSON.stringify(after)}`, false);
      return;
    }
    const removed = before.filter((v) => !after.some((a) => same(a, v)));
    const added = after.filter((v) => !before.some((b) => same(b, v)));
    if (removed.length) this.add('ENUM_VALUE_REMOVED', path, `${label(path)} enum value(s) removed: ${removed.map((v) => JSON.stringify(v)).join(', ')}`, false);
    if (added.length) this.add('ENUM_VALUE_ADDED', path, `${label(path)} enum value(s) added: ${added.map((v) => JSON.stringify(v)).join(', ')}`, true);
  }

  private compareBounds(o: JsonSchema, n: JsonSchema, path: string): void {
    for (const k of LOWER_BOUNDS) {
      if (n[k] !== undefined && (o[k] === undefined || n[k] > o[k])) this.add('CONSTRAINT_TIGHTENED', path, `${label(path)} ${k} raised to ${n[k]}`, false);
    }
    for (const k of UPPER_BOUNDS) {
      if (n[k] !== undefined && (o[k] === undefined || n[k] < o[k])) this.add('CONSTRAINT_TIGHTENED', path, `${label(path)} ${k} lowered to ${n[k]}`, false);
    }
    if (n.multipleOf !== undefined && n.multipleOf !== o.multipleOf) this.add('CONSTRAINT_TIGHTENED', path, `${label(path)} multipleOf changed to ${n.multipleOf}`, false);
    if (n.uniqueItems && !o.uniqueItems) this.add('CONSTRAINT_TIGHTENED', path, `${label(path)} items must now be unique`, false);
  }

  private compareObject(o: JsonSchema, n: JsonSchema, path: string): void {
    const oldProps: Record<string, JsonSchema> = o.properties ?? {};
    const newProps: Record<string, JsonSchema> = n.properties ?? {};
    const oldRequired = new Set<string>(o.required ?? []);
    const newRequired = new Set<string>(n.required ?? []);
    for (const name of Object.keys(oldProps)) {
      const at = child(path, name);
      if (!(name in newProps)) {
        this.add('FIELD_REMOVED', at, `field "${at}" removed`, false);
        continue;
      }
      if (newRequired.has(name) && !oldRequired.has(name)) this.add('FIELD_MADE_REQUIRED', at, `field "${at}" made required`, false);
      if (!newRequired.has(name) && oldRequired.has(name)) this.add('FIELD_MADE_OPTIONAL', at, `field "${at}" made optional`, true);
      this.compare(oldProps[name], newProps[name], at);
    }
    for (const name of Object.keys(newProps)) {
      if (name in oldProps) continue;
      const at = child(path, name);
      if (newRequired.has(name)) this.add('REQUIRED_FIELD_ADDED', at, `required field "${at}" added`, false);
      else this.add('FIELD_ADDED', at, `optional field "${at}" added`, true);
    }
    this.compareAdditional(o, n, path);
    if (o.propertyNames || n.propertyNames) this.compare(o.propertyNames, n.propertyNames, `${path}{keys}`);
  }

  private compareAdditional(o: JsonSchema, n: JsonSchema, path: string): void {
    const before = o.additionalProperties;
    const after = n.additionalProperties;
    if (after === false && before !== false) {
      this.add('ADDITIONAL_PROPERTIES_TIGHTENED', path, `${label(path)} no longer accepts additional properties`, false);
    } else if (before === false && after !== false) {
      this.add('CONSTRAINT_RELAXED', path, `${label(path)} now accepts additional properties`, true);
    } else if (typeof after === 'object') {
      this.compare(typeof before === 'object' ? before : {}, after, `${path}{*}`);
    }
  }
}

/** Every difference between two payload schemas that matters for validation, compatible or not. */
export function compareSchemas(before: JsonSchema, after: JsonSchema): SchemaChange[] {
  const comparison = new Comparison({ root: before }, { root: after });
  comparison.compare(before, after, '');
  return comparison.changes;
}

export function incompatibleChanges(before: JsonSchema, after: JsonSchema): SchemaChange[] {
  return compareSchemas(before, after).filter((c) => !c.compatible);
}
