import fs from 'node:fs';
import path from 'node:path';
import {
  BooleanField,
  ChangesField,
  CountField,
  CurrencyField,
  DateField,
  DateTimeField,
  defineDomainEvent,
  DomainEventDefinition,
  DomainPayload,
  EmailArrayField,
  EmailField,
  EnumField,
  FieldOptions,
  JsonField,
  MoneyField,
  NestedArrayField,
  NestedField,
  NumberField,
  StringArrayField,
  StringField,
  UpdatedFieldsField,
  UuidArrayField,
  UuidField,
} from '../decorators';

type FieldSpec = string | Record<string, unknown> | Array<Record<string, unknown>>;

const SCALARS: Record<string, (o: FieldOptions) => PropertyDecorator> = {
  uuid: UuidField,
  string: StringField,
  datetime: DateTimeField,
  date: DateField,
  email: EmailField,
  'email[]': EmailArrayField,
  'uuid[]': UuidArrayField,
  'string[]': StringArrayField,
  count: CountField,
  money: MoneyField,
  currency: CurrencyField,
  number: NumberField,
  boolean: BooleanField,
  updatedFields: UpdatedFieldsField,
  changes: ChangesField,
  json: JsonField,
};

function named<T extends Function>(cls: T, name: string): T {
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

function decorate(cls: Function, fields: Record<string, FieldSpec>, prefix: string): void {
  for (const [rawKey, spec] of Object.entries(fields)) {
    const optional = rawKey.endsWith('?');
    const key = optional ? rawKey.slice(0, -1) : rawKey;
    const opts = { optional: optional ? true : undefined };
    let decorator: PropertyDecorator;
    if (Array.isArray(spec)) {
      const item = named(class {}, `${prefix}${key[0].toUpperCase()}${key.slice(1)}Item`);
      decorate(item, spec[0] as Record<string, FieldSpec>, item.name);
      decorator = NestedArrayField(() => item, opts);
    } else if (typeof spec === 'object') {
      const nested = named(class {}, `${prefix}${key[0].toUpperCase()}${key.slice(1)}`);
      decorate(nested, spec as Record<string, FieldSpec>, nested.name);
      decorator = NestedField(() => nested, opts);
    } else if (spec.startsWith('enum(')) {
      decorator = EnumField(spec.slice(5, -1).split('|'), opts);
    } else {
      const make = SCALARS[spec];
      if (!make) throw new Error(`unknown spec type ${spec}`);
      decorator = make(opts);
    }
    decorator(cls.prototype, key);
  }
}

/**
 * A DTO for every spec event the domains do not declare yet, so measurements see the full
 * catalog's worth of class-validator metadata (its cost grows with class count).
 */
export function specDtos(registered: Set<string>): DomainEventDefinition[] {
  const file = path.resolve(__dirname, '../../../shared/spec/events.json');
  if (!fs.existsSync(file)) return [];
  const spec = JSON.parse(fs.readFileSync(file, 'utf8')) as { events: Array<Record<string, any>> };
  const added: DomainEventDefinition[] = [];
  for (const ev of spec.events) {
    if (registered.has(ev.eventType)) continue;
    const base = DomainPayload as unknown as new () => object;
    const cls = named(class extends base {}, `Bench${ev.payloadSchemaRef.split('.')[1]}Payload`);
    const fields = { ...ev.fields };
    for (const actor of ['actorUserId', 'actorContactId', 'actorType']) delete fields[actor];
    decorate(cls, fields, cls.name);
    added.push(defineDomainEvent(cls, { type: ev.eventType, category: ev.category, name: ev.name, description: ev.description, status: ev.status, rationale: ev.rationale }));
  }
  return added;
}
