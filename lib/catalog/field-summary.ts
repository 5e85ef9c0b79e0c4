import { JsonSchema } from '../schema/json-schema';

/** One payload field as a person reads it: `wfe catalog show` prints these as a table. */
export interface FieldSummary {
  /** Dot-path; nested DTO fields follow their parent (`comment.author`, `lines[].amount`). */
  path: string;
  /** `uuid`, `date-time`, `integer ≥ 0`, `'low' | 'high'`, `ISO 4217 currency code`, `uuid[]`, `any JSON`, … */
  type: string;
  required: boolean;
  description: string;
  /** The field's declared `examples`, if any. */
  examples?: unknown[];
}

/** Enums longer than this are named by their definition's title (or counted), not listed. */
const MAX_LISTED_ENUM = 6;
const REF = /^#\/definitions\/(.+)$/;

interface Walk {
  root: JsonSchema;
  /** Nested DTOs on the current path: a recursive DTO is listed once. */
  open: string[];
  rows: FieldSummary[];
}

function definitionName(node: JsonSchema | undefined): string | undefined {
  return typeof node?.$ref === 'string' ? REF.exec(node.$ref)?.[1] : undefined;
}

/** A `$ref` node merged with its definition (its own keywords, e.g. the description, win). */
function resolve(node: JsonSchema | undefined, root: JsonSchema): JsonSchema {
  const name = definitionName(node);
  if (!node || !name) return node ?? {};
  const { $ref: _r, ...own } = node;
  return { ...(root.definitions?.[name] ?? {}), ...own };
}

const isObjectShape = (s: JsonSchema) => s.type === 'object' && !!s.properties;

function typeLabel(raw: JsonSchema, root: JsonSchema): string {
  const s = resolve(raw, root);
  if (Array.isArray(s.enum)) {
    if (s.enum.length <= MAX_LISTED_ENUM) return s.enum.map((v: unknown) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v))).join(' | ');
    return s.title ?? `one of ${s.enum.length} values`;
  }
  if (s.format) return s.format;
  switch (s.type) {
    case 'integer':
      return s.minimum === 0 ? 'integer ≥ 0' : s.minimum !== undefined ? `integer ≥ ${s.minimum}` : 'integer';
    case 'array': {
      const item = resolve(s.items, root);
      const label = isObjectShape(item) ? 'object' : typeLabel(s.items ?? {}, root);
      const items = label.includes(' ') ? `(${label})` : label;
      return `${items}[]${s.minItems ? ` (at least ${s.minItems})` : ''}`;
    }
    case 'object': {
      if (s.properties) return 'object';
      const value = typeof s.additionalProperties === 'object' ? resolve(s.additionalProperties, root) : undefined;
      if (value?.properties) return `map: key → { ${Object.keys(value.properties).join(', ')} }`;
      return 'object';
    }
    case undefined:
      return 'any JSON';
    default:
      return String(s.type);
  }
}

function walk(schema: JsonSchema, prefix: string, w: Walk): void {
  const required = new Set<string>(schema.required ?? []);
  for (const [name, raw] of Object.entries<JsonSchema>(schema.properties ?? {})) {
    const path = `${prefix}${name}`;
    const node = resolve(raw, w.root);
    w.rows.push({
      path,
      type: typeLabel(raw, w.root),
      required: required.has(name),
      description: raw.description ?? (isObjectShape(node) ? '' : (node.description ?? '')),
      ...(Array.isArray(raw.examples) ? { examples: raw.examples } : {}),
    });
    const nested = isObjectShape(node) ? { dto: definitionName(raw), shape: node, suffix: '.' } : undefined;
    const item = node.type === 'array' ? resolve(node.items, w.root) : undefined;
    const inArray = item && isObjectShape(item) ? { dto: definitionName(node.items), shape: item, suffix: '[].' } : undefined;
    const next = nested ?? inArray;
    if (next && !(next.dto && w.open.includes(next.dto))) {
      if (next.dto) w.open.push(next.dto);
      walk(next.shape, `${path}${next.suffix}`, w);
      if (next.dto) w.open.pop();
    }
  }
}

/**
 * The fields of a payload schema, nested DTOs flattened under their parent's path, in schema
 * order. Shared formats (`#/definitions/uuid`) read as their format, long enums by their title.
 */
export function summarizeFields(schema: JsonSchema): FieldSummary[] {
  const w: Walk = { root: schema, open: [], rows: [] };
  walk(schema, '', w);
  return w.rows;
}
