import { JsonSchema } from '../../../lib/schema/json-schema';

/** One payload derived from a valid sample by changing one thing at `path`. */
export interface Mutation {
  path: string;
  label: string;
  payload: unknown;
}

type Key = string | number;
const REMOVE = Symbol('remove');
const REF_PREFIX = '#/definitions/';

/** `__proto__` as an own key, the way JSON.parse creates it from wire input. */
const withProtoKey = (base: object, value: unknown = { polluted: true }): object =>
  Object.assign(JSON.parse(`{"__proto__": ${JSON.stringify(value)}}`), base);

const VALID_UUID = '0f8fad5b-d9cb-469f-a165-70867728950e';

/** Values of every JSON type plus the edges of numbers and strings: tried at every path. */
const GENERIC: unknown[] = [
  null, undefined, true, false,
  0, -0, 1, -1, 1.5, -1.5, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e21, 1e300, Number.MAX_VALUE, Number.EPSILON, NaN, Infinity, -Infinity,
  '', ' ', 'x', '0', '1', '-1', '1.5', '1e3', '0x10', 'NaN', 'Infinity', 'true', 'null', '\u0000', 'é',
  {}, { a: 1 }, [], [null], [1], ['x'], [{}], [[]],
];

const UUIDS = [
  VALID_UUID,
  VALID_UUID.toUpperCase(),
  `urn:uuid:${VALID_UUID}`,
  `{${VALID_UUID}}`,
  VALID_UUID.replace(/-/g, ''),
  ...['0', '9', 'a', 'f', '1', '7', '8'].map((v) => VALID_UUID.slice(0, 14) + v + VALID_UUID.slice(15)),
  ...['0', '7', 'c', 'f', 'A', 'B'].map((v) => VALID_UUID.slice(0, 19) + v + VALID_UUID.slice(20)),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '00000000-0000-0000-0000-000000000001',
  `${VALID_UUID}\n`,
  ` ${VALID_UUID}`,
  `${VALID_UUID.slice(0, -1)}g`,
  `${VALID_UUID}0`,
];

const DATE_TIMES = [
  '2026-01-31T12:00:00Z',
  '2026-01-31T12:00:00.1Z',
  '2026-01-31T12:00:00.123456789+02:00',
  '2026-01-31T12:00:00.1234567890Z',
  '2026-01-31T12:00:00.Z',
  '2026-01-31T12:00:00-00:00',
  '2026-01-31T12:00:00+14:00',
  '2026-01-31T12:00:00+24:00',
  '2026-01-31T12:00:00+01:60',
  '2026-01-31t12:00:00z',
  '2026-01-31T12:00:00z',
  '2026-01-31t12:00:00Z',
  '2026-01-31 12:00:00Z',
  '2026-01-31_12:00:00Z',
  '2026-01-31T12:00:00+0100',
  '2026-01-31T12:00:00+01',
  '2026-01-31T12:00:00',
  '2026-01-31T12:00Z',
  '2026-01-31T24:00:00Z',
  '2026-01-31T23:60:00Z',
  '2026-12-31T23:59:60Z',
  '2016-12-31T23:59:60Z',
  '2026-02-29T12:00:00Z',
  '2024-02-29T12:00:00Z',
  '2100-02-29T12:00:00Z',
  '2000-02-29T12:00:00Z',
  '2026-02-30T12:00:00Z',
  '2026-04-31T12:00:00Z',
  '2026-00-10T12:00:00Z',
  '2026-13-10T12:00:00Z',
  '2026-01-00T12:00:00Z',
  '0000-01-01T00:00:00Z',
  '+002026-01-31T12:00:00Z',
  '2026-1-31T12:00:00Z',
  '2026-01-31T12:00:00Z\n',
  '2026-01-31',
  '٢٠٢٦-01-31T12:00:00Z',
];

const DATES = [
  '2026-01-31', '2024-02-29', '2000-02-29', '2100-02-29', '2026-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-01',
  '2026-01-00', '2026-1-31', '26-01-31', '2026/01/31', '20260131', '2026-01-31T00:00:00Z', '2026-01-31\n', ' 2026-01-31', '0000-01-01',
];

const EMAILS = [
  'ada@example.com',
  'Ada.Lovelace+tag@mail.example.org',
  '"ada lovelace"@example.com',
  '"ada"@example.com',
  'ada@exämple.com',
  'ada@xn--exmple-cua.com',
  'adä@example.com',
  'ada@example.com.',
  'ada.@example.com',
  '.ada@example.com',
  'a..da@example.com',
  'ada@example',
  'ada@localhost',
  'ada@[127.0.0.1]',
  'ada@127.0.0.1',
  'ada@exa_mple.com',
  'ada@-example.com',
  'ada@example.c',
  'ada@example.123',
  'Ada <ada@example.com>',
  'ada',
  'ada@',
  '@example.com',
  'a b@example.com',
  'ada@example.com\n',
  `${'a'.repeat(64)}@example.com`,
  `${'a'.repeat(65)}@example.com`,
  `ada@${'a'.repeat(63)}.com`,
  `ada@${'a'.repeat(64)}.com`,
  `ada@${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.com`,
];

const CURRENCIES = ['USD', 'usd', 'Usd', 'QXZ', 'XXX', 'XTS', 'XAU', 'US', 'USDD', 'USD ', ' USD', 'EUR\n', 'ÜSD'];

const DOT_PATHS = [
  'status', 'contact.email', 'assignee.id', '_x', 'a.1', 'a.B', 'Status', '1status', 'a..b', 'a.', '.a', 'a-b', 'a b', 'a.b.c.d', 'é', 'a\n',
];

function resolve(node: JsonSchema, root: JsonSchema): JsonSchema {
  let n = node;
  for (let i = 0; typeof n?.$ref === 'string' && i < 10; i++) {
    const { $ref, ...siblings } = n;
    n = { ...root.definitions?.[($ref as string).slice(REF_PREFIX.length)], ...siblings };
  }
  return n ?? {};
}

function variants(s: string): string[] {
  return [s.toUpperCase(), s.toLowerCase(), s[0]?.toUpperCase() + s.slice(1), `${s} `, ` ${s}`, `${s}\n`];
}

/** Values specific to the node's kind (format, enum, pattern, integer), tried besides GENERIC. */
function specific(node: JsonSchema, current: unknown): unknown[] {
  const out: unknown[] = [];
  if (typeof current === 'string') out.push(...variants(current), current + current, current.slice(1));
  if (typeof current === 'number') out.push(String(current), current + 0.5, -current, current + 1, current - 1);
  if (node.format === 'uuid') out.push(...UUIDS);
  if (node.format === 'date-time') out.push(...DATE_TIMES);
  if (node.format === 'date') out.push(...DATES);
  if (node.format === 'email') out.push(...EMAILS);
  if (Array.isArray(node.enum)) {
    if (node.enum.includes('USD')) out.push(...CURRENCIES);
    else for (const v of node.enum) out.push(v, ...(typeof v === 'string' ? variants(v) : []));
  }
  if (node.pattern && !node.format && !node.enum) out.push(...DOT_PATHS);
  if (node.type === 'integer' || node.type === 'number') out.push(0, -1, 1.5, 1e21, 2 ** 53, '3', 1e-7, 4.0000000000000001);
  return out;
}

/** Array-level changes: empty, duplicated, wrong items, nested arrays, an array-like object. */
function arrayValues(current: unknown[]): unknown[] {
  const first = current[0];
  return [[], [first, first], [...current, null], [current], [first, 1], { 0: first, length: 1 }, first];
}

/** Object-level changes: extra keys (plain and prototype-reaching), wrapped in an array. */
function objectValues(current: Record<string, unknown>): unknown[] {
  return [
    { ...current, unexpectedKey: 1 },
    { ...current, unexpectedKey: undefined },
    { ...current, constructor: {} },
    { ...current, prototype: 1 },
    withProtoKey(current),
    [current],
  ];
}

/** The dot-path map of ChangesField: keys, the `{ previous, new }` pairs, undefined values. */
function changesValues(): unknown[] {
  const pair = { previous: 'open', new: 'closed' };
  return [
    {},
    { status: pair },
    { 'assignee.id': { previous: null, new: VALID_UUID } },
    ...DOT_PATHS.map((k) => ({ [k]: pair })),
    { status: { previous: 'open' } },
    { status: { new: 'closed' } },
    { status: { previous: undefined, new: 'closed' } },
    { status: { previous: 'open', new: undefined } },
    { status: { ...pair, at: 1 } },
    { status: { ...pair, at: undefined } },
    { status: null },
    { status: [] },
    { status: ['open', 'closed'] },
    { status: 'closed' },
    { status: withProtoKey(pair) },
    withProtoKey({ status: pair }, pair),
    { constructor: pair },
    [pair],
  ];
}

function setAt(payload: unknown, path: Key[], value: unknown): unknown {
  if (!path.length) return value;
  const copy: any = Array.isArray(payload) ? [...payload] : { ...(payload as object) };
  const [head, ...rest] = path;
  if (rest.length === 0 && value === REMOVE) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head];
    return copy;
  }
  copy[head] = setAt(copy[head], rest, value);
  return copy;
}

/**
 * Every single-point change of `sample` the schema suggests, recursing into nested objects and
 * array items: removal, every JSON type, number and string edges, the format/enum/pattern edges,
 * extra and prototype keys. Fields the sample leaves out are tried too.
 */
export function mutate(root: JsonSchema, sample: Record<string, unknown>): Mutation[] {
  const out: Mutation[] = [];
  const add = (path: Key[], label: string, value: unknown) =>
    out.push({ path: path.join('.'), label, payload: setAt(sample, path, value) });

  const walk = (schemaNode: JsonSchema, current: unknown, path: Key[]): void => {
    const node = resolve(schemaNode, root);
    if (path.length) {
      add(path, 'remove', REMOVE);
      for (const v of [...GENERIC, ...specific(node, current)]) add(path, 'value', v);
    }
    if (node.propertyNames || (node.additionalProperties && typeof node.additionalProperties === 'object')) {
      for (const v of changesValues()) add(path, 'changes', v);
    }
    if (Array.isArray(current)) {
      for (const v of arrayValues(current)) add(path, 'array', v);
      const itemNode = node.items ?? {};
      const indexes = current.length > 1 ? [0, current.length - 1] : current.length ? [0] : [];
      for (const i of indexes) walk(itemNode, current[i], [...path, i]);
      if (!current.length) walk(itemNode, undefined, [...path, 0]);
    } else if (node.properties) {
      const obj = current && typeof current === 'object' ? (current as Record<string, unknown>) : {};
      for (const v of objectValues(obj)) add(path, 'object', v);
      for (const [key, child] of Object.entries(node.properties as Record<string, JsonSchema>)) walk(child, obj[key], [...path, key]);
    }
  };
  walk(root, sample, []);
  out.push(...[null, undefined, [], 'payload', 42, [sample]].map((payload) => ({ path: '', label: 'root', payload })));
  return out;
}
