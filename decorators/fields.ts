import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  isEmail,
  IsEmail,
  IsIn,
  IsInt,
  isISO4217CurrencyCode,
  IsISO4217CurrencyCode,
  IsNumber,
  IsObject,
  IsString,
  isUUID,
  IsUUID,
  Matches,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/**
 * Field decorators for the spec's type vocabulary (uuid, datetime, money, enum(...), ...).
 * Each one carries both the runtime check and the JSON Schema, so the two cannot drift.
 * Optional means "may be absent", never null: `@IsOptional` would let null through while the
 * exported JSON Schema refuses it.
 */

export interface FieldOptions {
  /**
   * `true`: may be absent. `false` (explicit): required even though a base class declares the
   * field optional, e.g. `@UuidField({ optional: false }) actorUserId!: string`.
   */
  optional?: boolean;
  description?: string;
  /**
   * A typical value, shorthand for `examples: [value]`, e.g. `{ example: 'finalized' }` on the
   * status of INVOICE_FINALIZED.
   */
  example?: unknown;
  /**
   * Typical values, published in the JSON Schema as `examples` (an annotation: never part of
   * validation nor of the lock's compatibility check). The sample generator (`wfe simulate`) takes
   * one of them instead of inventing a value, drawing one index per payload: the n-th examples of a
   * DTO's fields belong together (`updatedFields` and `changes`, a deadline and its breach). Each
   * must pass the field's own check (test/tooling/sample-hints.test.ts holds every DTO to that).
   */
  examples?: readonly unknown[];
}

type Decorator = PropertyDecorator;

const OPTIONALITY = Symbol.for('wfe:field-optionality');

/**
 * Optionality is recorded per class and resolved from the concrete class upwards: the nearest
 * class that declares the field decides. class-validator cannot express this itself: it keeps
 * every inherited ValidateIf, so a base's "optional" would win over a subclass's "required".
 */
function recordOptionality(target: object, key: string, optional: boolean): void {
  const own: Map<string, boolean> = Reflect.getOwnMetadata(OPTIONALITY, target) ?? new Map();
  own.set(key, optional);
  Reflect.defineMetadata(OPTIONALITY, own, target);
}

/** Whether `key` may be absent on instances of `cls`; undefined when no field decorator declared it. */
export function isFieldOptional(cls: Function, key: string): boolean | undefined {
  for (let proto = cls.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const own: Map<string, boolean> | undefined = Reflect.getOwnMetadata(OPTIONALITY, proto);
    if (own?.has(key)) return own.get(key);
  }
  return undefined;
}

function field(opts: FieldOptions | undefined, schema: Record<string, unknown> | undefined, ...checks: Decorator[]): Decorator {
  return (target, key) => {
    const name = key as string;
    if (opts?.optional !== undefined) recordOptionality(target, name, opts.optional);
    // Skip the checks of an absent field unless the object's own class (or a class between it
    // and this one) made the field required.
    if (opts?.optional === true) ValidateIf((o: any, v: unknown) => v !== undefined || isFieldOptional(o.constructor, name) === false)(target, key);
    for (const check of checks) check(target, key);
    const examples = [...(opts?.example !== undefined ? [opts.example] : []), ...(opts?.examples ?? [])];
    const extra = { ...(schema ?? {}), ...(opts?.description ? { description: opts.description } : {}), ...(examples.length ? { examples } : {}) };
    // A field that points at a shared definition is that definition: what class-validator-jsonschema
    // derived from the checks (`type`, `format`) would only repeat it.
    JSONSchema((generated) => (schema?.$ref ? extra : { ...withoutObjectRef(generated), ...extra }))(target, key as string);
  };
}

/**
 * A custom check (ValidateBy) on an `unknown` / `Record<…>` / array property makes
 * class-validator-jsonschema emit `$ref: '#/definitions/Object'` (or `/Array`) from the design
 * type: a definition that never exists.
 */
function withoutObjectRef(generated: Record<string, any>): Record<string, any> {
  const { $ref, ...rest } = generated;
  return typeof $ref === 'string' && /\/(Object|Array)$/.test($ref) ? rest : generated;
}

// Strict RFC 3339 form: ajv's `date-time` format alone would also take `t`/space separators,
// offsets without a colon, hour 24 and leap seconds, which the runtime check refuses.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CAMEL_DOT_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;
// validator.js `isUUID('all')` (RFC 4122 versions 1-8 + nil/max), as a JSON Schema pattern: ajv's
// `uuid` format alone takes any hex digits and a `urn:uuid:` prefix.
const HEX = '[0-9a-fA-F]';
const UUID_PATTERN =
  `^(?:${HEX}{8}-${HEX}{4}-[1-8]${HEX}{3}-[89abAB]${HEX}{3}-${HEX}{12}|0{8}-0{4}-0{4}-0{4}-0{12}|[fF]{8}-[fF]{4}-[fF]{4}-[fF]{4}-[fF]{12})$`;
// Whatever the runtime check accepts, listed, so the schema's enum is exactly that set.
const CURRENCY_CODES = Array.from({ length: 26 ** 3 }, (_, i) =>
  String.fromCharCode(65 + Math.floor(i / 676), 65 + (Math.floor(i / 26) % 26), 65 + (i % 26)),
).filter((code) => isISO4217CurrencyCode(code));
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Formats shared by many fields, emitted once per schema under `definitions` and referenced by each
 * field (`{ "$ref": "#/definitions/uuid" }`) instead of repeating a long pattern or enum per field.
 * The patterns stay so that any draft-07 validator is as strict as the runtime check; `format`
 * names the rule for readers and tools. Names are lower camelCase, so they never meet a DTO class
 * (PascalCase) in `definitions`.
 */
export type SharedDefinitionName = 'uuid' | 'dateTime' | 'currencyCode';
export const SHARED_DEFINITIONS: Readonly<Record<SharedDefinitionName, Readonly<Record<string, unknown>>>> = {
  uuid: { type: 'string', format: 'uuid', pattern: UUID_PATTERN, title: 'UUID (RFC 9562 versions 1-8, nil or max)' },
  dateTime: { type: 'string', format: 'date-time', pattern: DATE_TIME.source, title: 'RFC 3339 date-time with offset' },
  currencyCode: { type: 'string', enum: CURRENCY_CODES, title: 'ISO 4217 currency code' },
};
const shared = (name: SharedDefinitionName) => ({ $ref: `#/definitions/${name}` });

/** The day exists in the calendar (Date.parse would roll 2026-02-30 over to March 2nd). */
function isRealDate(match: RegExpExecArray | null): boolean {
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/** RFC 3339 date-time that names a real calendar day; the runtime check behind DateTimeField. */
export const isDateTime = (v: unknown): boolean => typeof v === 'string' && isRealDate(DATE_TIME.exec(v));
/** YYYY-MM-DD that names a real calendar day; the runtime check behind DateField. */
export const isCalendarDate = (v: unknown): boolean => typeof v === 'string' && isRealDate(DATE.exec(v));

const UUID_VERSION = 'all';
/**
 * The runtime check behind each JSON Schema `format` the field decorators emit. A compiled
 * validator registers exactly these, so a format means the same thing in both validators.
 */
/** An internal record id as every payload checks it (tenant ids from a CLI flag or URL included). */
export const isUuid = (v: string): boolean => isUUID(v, UUID_VERSION);

export const FIELD_FORMATS: Readonly<Record<string, (v: string) => boolean>> = {
  uuid: isUuid,
  email: (v) => isEmail(v),
  'date-time': isDateTime,
  date: isCalendarDate,
};

/** Internal record id (entity, user, contact, tenant). */
export const UuidField = (o?: FieldOptions) => field(o, shared('uuid'), IsUUID(UUID_VERSION));
/** ISO 8601 timestamp with time of day and offset (RFC 3339). */
export const DateTimeField = (o?: FieldOptions) =>
  field(
    o,
    shared('dateTime'),
    ValidateBy({
      name: 'isDateTime',
      validator: {
        validate: isDateTime,
        defaultMessage: (a) => `${a?.property} must be an ISO 8601 date-time with offset (e.g. 2026-01-31T12:00:00Z)`,
      },
    }),
  );
/** Calendar date YYYY-MM-DD. */
export const DateField = (o?: FieldOptions) =>
  field(
    o,
    { type: 'string', format: 'date' },
    ValidateBy({
      name: 'isCalendarDate',
      validator: {
        validate: isCalendarDate,
        defaultMessage: (a) => `${a?.property} must be a calendar date YYYY-MM-DD`,
      },
    }),
  );
export const StringField = (o?: FieldOptions) => field(o, undefined, IsString());
export const EmailField = (o?: FieldOptions) => field(o, { format: 'email' }, IsEmail());
export const BooleanField = (o?: FieldOptions) => field(o, undefined, IsBoolean());
/** Whole number >= 0 (counts, durations, sizes). */
export const CountField = (o?: FieldOptions) => field(o, { type: 'integer', minimum: 0 }, IsInt(), Min(0));
/** Integer amount in the currency's minor unit (cents); may be negative for credits. */
export const MoneyField = (o?: FieldOptions) => field(o, { description: o?.description ?? 'Amount in minor units (e.g. cents)' }, IsInt());
/** Upper case only, as ISO 4217 writes them (isISO4217CurrencyCode alone would also take `usd`). */
export const CurrencyField = (o?: FieldOptions) =>
  field(o, shared('currencyCode'), IsISO4217CurrencyCode(), Matches(/^[A-Z]{3}$/));
export const NumberField = (o?: FieldOptions) => field(o, undefined, IsNumber({ allowNaN: false, allowInfinity: false }));
export const EnumField = (values: readonly string[], o?: FieldOptions) => field(o, undefined, IsIn(values as string[]));
export const UuidArrayField = (o?: FieldOptions) =>
  field(o, { type: 'array', items: shared('uuid') }, IsArray(), IsUUID(UUID_VERSION, { each: true }));
export const StringArrayField = (o?: FieldOptions) =>
  field(o, { type: 'array', items: { type: 'string' } }, IsArray(), IsString({ each: true }));
export const EmailArrayField = (o?: FieldOptions) =>
  field(o, { type: 'array', items: { type: 'string', format: 'email' } }, IsArray(), IsEmail({}, { each: true }));
/** Dot-paths naming the fields that changed. */
export const UpdatedFieldsField = (o?: FieldOptions) =>
  field(
    o,
    { type: 'array', items: { type: 'string', pattern: CAMEL_DOT_PATH.source } },
    IsArray(),
    Matches(CAMEL_DOT_PATH, { each: true }),
  );
/** Object keyed by dot-path whose values are `{ previous, new }` pairs. */
export const ChangesField = (o?: FieldOptions) =>
  field(
    o,
    {
      type: 'object',
      propertyNames: { pattern: CAMEL_DOT_PATH.source },
      additionalProperties: { type: 'object', required: ['previous', 'new'], properties: { previous: {}, new: {} }, additionalProperties: false },
    },
    ValidateBy({
      name: 'isChanges',
      validator: {
        validate: (v) =>
          v !== null &&
          typeof v === 'object' &&
          !Array.isArray(v) &&
          Object.entries(v).every(
            ([k, c]) =>
              CAMEL_DOT_PATH.test(k) &&
              c !== null &&
              typeof c === 'object' &&
              // Present means defined: JSON drops an undefined value, so `{ previous: x, new: undefined }`
              // would be stored as `{ previous: x }`, which the schema (and this check) refuse.
              (c as { previous?: unknown }).previous !== undefined &&
              (c as { new?: unknown }).new !== undefined &&
              Object.keys(c as object).length === 2,
          ),
        defaultMessage: (a) => `${a?.property} must map dot-paths to { previous, new } pairs`,
      },
    }),
  );
/** Any JSON value with no fixed shape (null included); a required one must be present. */
export const JsonField = (o?: FieldOptions) =>
  field(
    o,
    {},
    Allow(),
    ValidateBy({
      name: 'isPresent',
      validator: { validate: (v) => v !== undefined, defaultMessage: (a) => `${a?.property} is required` },
    }),
  );
/** Free-form JSON object. */
export const JsonObjectField = (o?: FieldOptions) => field(o, { type: 'object' }, IsObject());
/** A nested object validated against its own DTO class. */
export const NestedField = (cls: () => Function, o?: FieldOptions) =>
  field(o, undefined, ValidateNested(), IsObject(), Type(cls as () => any) as Decorator);
/**
 * ValidateNested({ each }) skips undefined items and descends into array items (`[[dto]]` passes),
 * both of which the schema's `items: { $ref }` refuses; null and scalar items it already refuses.
 */
const isArrayOfObjects = ValidateBy({
  name: 'isArrayOfObjects',
  validator: {
    validate: (v) => !Array.isArray(v) || v.every((item) => item !== undefined && !Array.isArray(item)),
    defaultMessage: (a) => `each value in ${a?.property} must be an object`,
  },
});

/** An array whose items all match one DTO class. */
export const NestedArrayField = (cls: () => Function, o?: FieldOptions & { nonEmpty?: boolean }) =>
  field(
    o,
    undefined,
    IsArray(),
    isArrayOfObjects,
    ValidateNested({ each: true }),
    Type(cls as () => any) as Decorator,
    ...(o?.nonEmpty ? [ArrayNotEmpty()] : []),
  );
