import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { DomainEventDefinition, isFieldOptional, SHARED_DEFINITIONS } from '../../decorators';

export type JsonSchema = Record<string, any>;

const REF_PREFIX = '#/definitions/';

/** Payloads are closed: the validator refuses unknown keys, so the schema says so too. */
function close(schema: JsonSchema): JsonSchema {
  if (schema.type === 'object' && schema.properties && schema.additionalProperties === undefined) {
    return { ...schema, additionalProperties: false };
  }
  return schema;
}

function collectRefs(node: unknown, out: Set<string>): void {
  if (Array.isArray(node)) node.forEach((n) => collectRefs(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(REF_PREFIX)) out.add(v.slice(REF_PREFIX.length));
      else collectRefs(v, out);
    }
  }
}

/** `required` by the same rule the runtime check applies: the nearest declaring class decides. */
function requiredOf(cls: Function): string[] {
  const metas = (getMetadataStorage() as any).getTargetValidationMetadatas(cls, '', true, false) as Array<{ propertyName: string; type: string }>;
  const props = [...new Set(metas.map((m) => m.propertyName))];
  // Fields declared with plain class-validator decorators: any conditional (@IsOptional, @ValidateIf) makes them optional.
  const conditional = (p: string) => metas.some((m) => m.propertyName === p && m.type === ValidationTypes.CONDITIONAL_VALIDATION);
  return props.filter((p) => !(isFieldOptional(cls, p) ?? conditional(p)));
}

function classesByName(): Map<string, Function> {
  const out = new Map<string, Function>();
  for (const target of ((getMetadataStorage() as any).validationMetadatas as Map<Function, unknown>).keys()) {
    if (typeof target === 'function') out.set(target.name, target);
  }
  return out;
}

function withRequired(schema: JsonSchema, cls: Function | undefined): JsonSchema {
  if (!cls) return schema;
  const required = requiredOf(cls).filter((p) => p in (schema.properties ?? {}));
  const { required: _ignored, ...rest } = schema;
  return required.length ? { ...rest, required } : rest;
}

/** A DTO that adds no fields of its own (e.g. two events sharing one shape) has its parent's schema. */
function ownOrInheritedSchema(byClass: Record<string, JsonSchema>, cls: Function): JsonSchema | undefined {
  for (let c: any = cls; c && c.name; c = Object.getPrototypeOf(c)) if (byClass[c.name]) return byClass[c.name];
  return undefined;
}

/**
 * One self-contained draft-07 schema per event, generated from the class-validator metadata by
 * class-validator-jsonschema; nested DTOs and the shared formats (`uuid`, `dateTime`,
 * `currencyCode`) are carried in `definitions`, sorted by name.
 */
export function buildJsonSchemas(definitions: DomainEventDefinition[]): Map<string, JsonSchema> {
  const byClass = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: REF_PREFIX,
  }) as Record<string, JsonSchema>;
  const classes = classesByName();
  const out = new Map<string, JsonSchema>();
  for (const def of definitions) {
    const root = ownOrInheritedSchema(byClass, def.payloadClass);
    if (!root) throw new Error(`No validation metadata for ${def.payloadClass.name} (${def.schemaRef})`);
    const needed = new Set<string>();
    collectRefs(root, needed);
    const nested: Record<string, JsonSchema> = {};
    for (let pending = [...needed]; pending.length; ) {
      const name = pending.pop()!;
      if (nested[name]) continue;
      const shared = (SHARED_DEFINITIONS as Record<string, JsonSchema>)[name];
      nested[name] = shared ? { ...shared } : close(withRequired(byClass[name], classes.get(name)));
      const more = new Set<string>();
      collectRefs(nested[name], more);
      pending.push(...[...more].filter((n) => !nested[n]));
    }
    out.set(def.schemaRef, {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: def.schemaRef,
      title: def.name,
      description: def.description,
      ...close(withRequired(root, def.payloadClass)),
      ...(Object.keys(nested).length ? { definitions: Object.fromEntries(Object.entries(nested).sort(([a], [b]) => a.localeCompare(b))) } : {}),
    });
  }
  return out;
}
