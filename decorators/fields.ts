import { Type } from 'class-transformer';
import {
  Allow,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsISO4217CurrencyCode,
  IsNumber,
  IsObject,
  IsString,
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
}

type Decorator = PropertyDecorator;

const OPTIONAL = Symbol.for('wfe:optional-field');
const presentOnly = Object.assign((o: object, v: unknown) => v !== undefined, { [OPTIONAL]: true });
// An own conditional replaces an inherited one in class-validator, which is how `optional: false` overrides.
const always = () => true;

/** Whether a ValidateIf condition is the "optional field" marker (read when deriving `required`). */
export function isOptionalCondition(condition: unknown): boolean {
  return typeof condition === 'function' && (condition as any)[OPTIONAL] === true;
}

function field(opts: FieldOptions | undefined, schema: Record<string, unknown> | undefined, ...checks: Decorator[]): Decorator {
  return (target, key) => {
    if (opts?.optional === true) ValidateIf(presentOnly)(target, key);
    if (opts?.optional === false) ValidateIf(always)(target, key);
    for (const check of checks) check(target, key);
    const extra = { ...(schema ?? {}), ...(opts?.description ? { description: opts.description } : {}) };
    if (Object.keys(extra).length) JSONSchema(extra)(target, key as string);
  };
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CAMEL_DOT_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;

function isRealDate(value: string): boolean {
  return !Number.isNaN(Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value));
}

/** Internal record id (entity, user, contact, tenant). */
export const UuidField = (o?: FieldOptions) => field(o, { format: 'uuid' }, IsUUID('all'));
/** ISO 8601 timestamp with time of day and offset (RFC 3339). */
export const DateTimeField = (o?: FieldOptions) =>
  field(
    o,
    { type: 'string', format: 'date-time' },
    ValidateBy({
      name: 'isDateTime',
      validator: {
        validate: (v) => typeof v === 'string' && DATE_TIME.test(v) && isRealDate(v),
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
        validate: (v) => typeof v === 'string' && DATE.test(v) && isRealDate(v),
        defaultMessage: (a) => `${a?.property} must be a calendar date YYYY-MM-DD`,
      },
    }),
  );
export const StringField = (o?: FieldOptions) => field(o, undefined, IsString());
export const EmailField = (o?: FieldOptions) => field(o, { format: 'email' }, IsEmail());
export const BooleanField = (o?: FieldOptions) => field(o, undefined, IsBoolean());
/** Whole number >= 0 (counts, durations, sizes). */
export const CountField = (o?: FieldOptions) => field(o, undefined, IsInt(), Min(0));
/** Integer amount in the currency's minor unit (cents); may be negative for credits. */
export const MoneyField = (o?: FieldOptions) => field(o, { description: o?.description ?? 'Amount in minor units (e.g. cents)' }, IsInt());
export const CurrencyField = (o?: FieldOptions) => field(o, { type: 'string', pattern: '^[A-Z]{3}$' }, IsISO4217CurrencyCode());
export const NumberField = (o?: FieldOptions) => field(o, undefined, IsNumber({ allowNaN: false, allowInfinity: false }));
export const EnumField = (values: readonly string[], o?: FieldOptions) => field(o, undefined, IsIn(values as string[]));
export const UuidArrayField = (o?: FieldOptions) =>
  field(o, { type: 'array', items: { type: 'string', format: 'uuid' } }, IsArray(), IsUUID('all', { each: true }));
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
              'previous' in (c as object) &&
              'new' in (c as object) &&
              Object.keys(c as object).length === 2,
          ),
        defaultMessage: (a) => `${a?.property} must map dot-paths to { previous, new } pairs`,
      },
    }),
  );
/** Any JSON value with no fixed shape. */
export const JsonField = (o?: FieldOptions) => field(o, {}, Allow());
/** Free-form JSON object. */
export const JsonObjectField = (o?: FieldOptions) => field(o, { type: 'object' }, IsObject());
/** A nested object validated against its own DTO class. */
export const NestedField = (cls: () => Function, o?: FieldOptions) =>
  field(o, undefined, ValidateNested(), IsObject(), Type(cls as () => any) as Decorator);
/** An array whose items all match one DTO class. */
export const NestedArrayField = (cls: () => Function, o?: FieldOptions & { nonEmpty?: boolean }) =>
  field(
    o,
    undefined,
    IsArray(),
    ValidateNested({ each: true }),
    Type(cls as () => any) as Decorator,
    ...(o?.nonEmpty ? [ArrayNotEmpty()] : []),
  );
