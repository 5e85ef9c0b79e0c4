import { JSONSchemaFaker } from 'json-schema-faker';
import { JsonSchema } from './json-schema';

export interface SampleOptions {
  /** Same seed, same sample, dates included (tests, reproducible demos). Default: random. */
  seed?: number;
  /**
   * The sample's timestamps fall in the 30 days before this instant. Default: now, or with a seed
   * SEEDED_NOW, so that a seed alone decides every value.
   */
  now?: Date;
}

/** Where the dates of a seeded sample are counted back from (unless `now` is given). */
export const SEEDED_NOW = new Date('2026-01-01T00:00:00.000Z');

type Random = () => number;

/** mulberry32: small, fast, good enough to make samples reproducible. */
function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rand: Random, list: readonly T[]): T => list[Math.floor(rand() * list.length)];
const between = (rand: Random, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

const FIRST = ['ada', 'grace', 'alan', 'linus', 'margaret', 'ken', 'barbara', 'dennis'];
const LAST = ['lovelace', 'hopper', 'turing', 'torvalds', 'hamilton', 'thompson', 'liskov', 'ritchie'];
const DOMAINS = ['example.com', 'acme-msp.example', 'client.example.org'];
const CURRENCIES = ['USD', 'EUR', 'GBP', 'CAD', 'AUD'];
const MONEY_NAME = /amount|price|total|cost|balance|fee|tax|due/i;
const DAY_MS = 86_400_000;
/** Free-text fields by name, so a sample reads like an MSP's data rather than lorem ipsum. */
const TEXT_HINTS: Array<[RegExp, readonly string[]]> = [
  [/number$/i, ['INV-000142', 'T-001337', 'PO-2026-0042']],
  [/(title|subject)$/i, ['Email down for the whole office', 'New starter laptop setup', 'VPN drops every hour']],
  [/(reason|notes?|comment|content|description|message|body)$/i, ['Client confirmed the fix works.', 'Waiting on vendor RMA.', 'Escalated to the network team.']],
  [/(name|author)$/i, ['Ada Lovelace', 'Acme Dental Group', 'Service Desk']],
  [/url$/i, ['https://portal.acme-msp.example/tickets/1337']],
  [/(provider|source|channel)$/i, ['microsoft', 'google', 'email']],
];

/** Random UUID v4 from `rand`, so a seeded sample is fully reproducible. */
function uuid(rand: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(rand() * 4)];
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** What one payload's values share, so they tell one consistent story. */
interface Story {
  /** The moment of the business action: every date-time without examples is this instant. */
  instant: Date;
  /** One draw per payload: each field with examples takes `examples[index % examples.length]`. */
  exampleIndex: number;
}

/**
 * A realistic value for the node, or undefined to let json-schema-faker generate one. A field's
 * declared `examples` win. Formats are generated here (not by the faker) because the schema's
 * `pattern` would otherwise win over `format`, and the faker's own uuids/dates are not what the
 * validator or a reader expects.
 */
function realistic(node: JsonSchema, name: string, rand: Random, story: Story): (() => unknown) | undefined {
  if (Array.isArray(node.examples) && node.examples.length) {
    const example = node.examples[story.exampleIndex % node.examples.length];
    return () => structuredClone(example);
  }
  const enumValues: unknown[] | undefined = node.enum;
  if (enumValues?.includes('USD')) {
    const common = CURRENCIES.filter((c) => enumValues.includes(c));
    return () => pick(rand, common);
  }
  switch (node.format) {
    case 'uuid':
      return () => uuid(rand);
    case 'date-time':
      return () => story.instant.toISOString();
    case 'date':
      return () => story.instant.toISOString().slice(0, 10);
    case 'email':
      return () => `${pick(rand, FIRST)}.${pick(rand, LAST)}@${pick(rand, DOMAINS)}`;
  }
  if (node.type === 'integer' && node.maximum === undefined) {
    if (MONEY_NAME.test(name)) return () => between(rand, 1, 2500) * 100 + pick(rand, [0, 0, 50, 99]);
    return () => between(rand, Math.max(node.minimum ?? 0, 0), Math.max(node.minimum ?? 0, 0) + 25);
  }
  // Any JSON (no type, no shape): the faker would hand back the node's own annotations as the value.
  if (node.type === undefined && !node.properties && !node.items && !node.enum && !('const' in node) && !node.$ref) return () => ({});
  if (node.type === 'number' && node.maximum === undefined) return () => Math.round(rand() * 100_000) / 100;
  if (node.type === 'string' && !enumValues && !node.pattern && !node.format) {
    const hint = TEXT_HINTS.find(([re]) => re.test(name));
    if (hint) return () => pick(rand, hint[1]);
  }
  return undefined;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

interface Prep {
  rand: Random;
  story: Story;
  definitions: Record<string, JsonSchema>;
  /** Definitions being inlined on the current path: a recursive DTO stops there. */
  inlining: string[];
}

const REF_PREFIX = '#/definitions/';
/** Keywords whose values are data, not subschemas: copied as they are. */
const VALUE_KEYWORDS = new Set(['examples', 'enum', 'const', 'default', 'required', 'pattern']);

/**
 * A working copy of the schema with hints for the faker: nested DTO `$ref`s inlined (the faker
 * stops resolving a ref after a few uses, so `from`/`to`/`cc` of one shape would come out empty),
 * realistic generators, 1-3 items per array, and a plausible key for dot-path maps (the faker
 * ignores `propertyNames`).
 */
function prepare(node: unknown, name: string, p: Prep): unknown {
  if (Array.isArray(node)) return node.map((n) => prepare(n, name, p));
  if (!node || typeof node !== 'object') return node;
  const src = node as JsonSchema;
  const ref = typeof src.$ref === 'string' && src.$ref.startsWith(REF_PREFIX) ? src.$ref.slice(REF_PREFIX.length) : undefined;
  if (ref && p.definitions[ref] && !p.inlining.includes(ref)) {
    const { $ref: _r, ...siblings } = src;
    p.inlining.push(ref);
    const inlined = prepare({ ...p.definitions[ref], ...siblings }, name, p);
    p.inlining.pop();
    return inlined;
  }
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(src)) {
    if (k === 'definitions') continue;
    if (VALUE_KEYWORDS.has(k)) {
      out[k] = v;
      continue;
    }
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([key, s]) => [key, prepare(s, key, p)])) : prepare(v, name, p);
  }
  const generate = realistic(src, name, p.rand, p.story);
  if (generate) {
    delete out.pattern;
    delete out.format;
    out.generate = generate;
    // The faker keeps a generated value only if it has the node's type; an untyped node (any JSON) takes the example's.
    if (out.type === undefined) out.type = jsonType(generate());
  }
  if (out.type === 'array') {
    out.minItems ??= 1;
    out.maxItems ??= Math.max(out.minItems, 3);
  }
  if (src.propertyNames && !src.properties && typeof src.additionalProperties === 'object') {
    out.properties = { status: out.additionalProperties };
    out.required = ['status'];
    delete out.propertyNames;
  }
  return out;
}

/**
 * A valid, realistic payload for a draft-07 payload schema (nested `definitions` included),
 * generated by json-schema-faker with every optional field filled in.
 */
export function samplePayload(schema: JsonSchema, options: SampleOptions = {}): Record<string, unknown> {
  const rand = options.seed === undefined ? Math.random : seeded(options.seed);
  const now = (options.now ?? (options.seed === undefined ? new Date() : SEEDED_NOW)).getTime();
  // Whole seconds: a sample reads like a real record, not like the generator's clock.
  const story: Story = { instant: new Date(Math.floor((now - rand() * 30 * DAY_MS) / 1000) * 1000), exampleIndex: Math.floor(rand() * 2 ** 31) };
  // The faker keeps its options globally; generation is synchronous, so set them per call.
  JSONSchemaFaker.option({
    alwaysFakeOptionals: true,
    fillProperties: false,
    failOnInvalidFormat: true,
    maxLength: 40,
    random: rand,
  });
  const { $schema: _s, $id: _i, ...body } = schema;
  const prepared = prepare(body, '', { rand, story, definitions: schema.definitions ?? {}, inlining: [] });
  return oneActor(JSONSchemaFaker.generate(prepared as any) as Record<string, unknown>, schema.required ?? []);
}

/**
 * The faker fills user, contact and actor type independently; a real event has one actor. Keep a
 * user when the schema requires one, otherwise leave the actor to the emission context.
 */
function oneActor(payload: Record<string, unknown>, required: string[]): Record<string, unknown> {
  const { actorUserId, actorContactId: _c, actorType: _t, ...rest } = payload;
  return required.includes('actorUserId') ? { ...rest, actorUserId, actorType: 'USER' } : rest;
}
