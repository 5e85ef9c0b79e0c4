import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';

/** ../shared/spec/events.json beside the repository: the catalog contract. Undefined where absent. */
export interface SpecEvent {
  eventType: string;
  module: string;
  name: string;
  category: string;
  status: string;
  payloadSchemaRef: string;
  rationale?: string;
  supersededBy?: string[];
  fields: Record<string, SpecType>;
}
export type SpecType = string | Record<string, any> | Array<Record<string, any>>;
type Schema = Record<string, any>;

function repoRoot(from = __dirname): string {
  return fs.existsSync(path.join(from, 'package.json')) ? from : repoRoot(path.dirname(from));
}

const SPEC_FILE = path.resolve(repoRoot(), '../shared/spec/events.json');
export const spec: { conventions: Record<string, any>; events: SpecEvent[] } | undefined = fs.existsSync(SPEC_FILE)
  ? JSON.parse(fs.readFileSync(SPEC_FILE, 'utf8'))
  : undefined;
// A checkout without the contract skips the spec checks; CI has it beside the clone and must check.
if (!spec && process.env.CI === 'true') throw new Error(`${SPEC_FILE} is missing: CI checks the catalog against it`);

function definitionOf(prop: Schema, root: Schema): Schema {
  return root.definitions[String(prop.$ref).split('/').pop()!];
}

/** A property that points at a shared format definition (uuid, dateTime, currencyCode) read as that definition. */
function withSharedFormat(prop: Schema | undefined, root: Schema): Schema | undefined {
  if (!prop?.$ref) return prop;
  const { $ref, ...rest } = prop;
  const def = definitionOf(prop, root);
  return def && !def.properties ? { ...def, ...rest } : prop;
}

/** Whether a property schema implements a spec type (the spec's conventions.types). */
function implementsType(rawProp: Schema, type: SpecType, root: Schema): boolean {
  const shared = withSharedFormat(rawProp, root)!;
  const prop = shared.type === 'array' ? { ...shared, items: withSharedFormat(shared.items, root) } : shared;
  if (Array.isArray(type)) return prop.type === 'array' && prop.items?.$ref !== undefined && matchesSpecFields(definitionOf(prop.items, root), type[0], root);
  if (typeof type !== 'string') return prop.$ref !== undefined && matchesSpecFields(definitionOf(prop, root), type, root);
  const enumMatch = /^enum\((.*)\)$/.exec(type);
  if (enumMatch) return JSON.stringify(prop.enum) === JSON.stringify(enumMatch[1].split('|'));
  switch (type) {
    case 'uuid':
      return prop.format === 'uuid';
    case 'datetime':
      return prop.format === 'date-time';
    case 'date':
      return prop.format === 'date';
    case 'email':
      return prop.format === 'email';
    case 'string':
      return prop.type === 'string' && !prop.format && !prop.enum;
    case 'boolean':
      return prop.type === 'boolean';
    case 'count':
      return prop.type === 'integer' && prop.minimum === 0;
    case 'money':
      return prop.type === 'integer';
    case 'number':
      return prop.type === 'number';
    case 'currency':
      return prop.type === 'string' && Array.isArray(prop.enum) && prop.enum.includes('USD');
    case 'uuid[]':
      return prop.type === 'array' && prop.items?.format === 'uuid';
    case 'email[]':
      return prop.type === 'array' && prop.items?.format === 'email';
    case 'string[]':
    case 'updatedFields':
      return prop.type === 'array' && prop.items?.type === 'string';
    case 'changes':
      return prop.type === 'object' && prop.additionalProperties?.required?.includes('previous');
    case 'json':
      return prop.type === undefined && prop.$ref === undefined;
    default:
      throw new Error(`unknown spec type ${type}`);
  }
}

/** Same keys, same optionality, same types; `key?` in the spec means optional. Asserts, naming the field. */
export function matchesSpecFields(schema: Schema, fields: Record<string, SpecType>, root: Schema = schema, base: Record<string, SpecType> = {}): boolean {
  const expected = { ...base, ...Object.fromEntries(Object.entries(fields).map(([k, t]) => [k.replace(/\?$/, ''), t])) };
  const required = [...Object.keys(base).filter((k) => !k.startsWith('actor')), ...Object.keys(fields).filter((k) => !k.endsWith('?'))].filter(
    (k, i, all) => all.indexOf(k) === i,
  );
  expect(Object.keys(schema.properties).sort(), `${schema.$id ?? 'nested'} properties`).to.deep.equal(Object.keys(expected).sort());
  expect([...(schema.required ?? [])].sort(), `${schema.$id ?? 'nested'} required`).to.deep.equal(required.sort());
  for (const [key, type] of Object.entries(expected)) {
    expect(implementsType(schema.properties[key], type, root), `${schema.$id ?? 'nested'}.${key} is ${JSON.stringify(type)}`).to.equal(true);
  }
  return true;
}

/** The fields every payload carries (tenantId, occurredAt, optional actor). */
export function baseFields(): Record<string, SpecType> {
  return spec ? { ...spec.conventions.alwaysRequired, ...spec.conventions.optionalActor } : {};
}
