import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { DomainEventDefinition } from '../../decorators';

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

/** A DTO that adds no fields of its own (e.g. two events sharing one shape) has its parent's schema. */
function ownOrInheritedSchema(byClass: Record<string, JsonSchema>, cls: Function): JsonSchema | undefined {
  for (let c: any = cls; c && c.name; c = Object.getPrototypeOf(c)) if (byClass[c.name]) return byClass[c.name];
  return undefined;
}

/**
 * One self-contained draft-07 schema per event, generated from the class-validator metadata by
 * class-validator-jsonschema; nested DTOs are carried in `definitions`.
 */
export function buildJsonSchemas(definitions: DomainEventDefinition[]): Map<string, JsonSchema> {
  const byClass = validationMetadatasToSchemas({
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: REF_PREFIX,
  }) as Record<string, JsonSchema>;
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
      nested[name] = close(byClass[name]);
      const more = new Set<string>();
      collectRefs(nested[name], more);
      pending.push(...[...more].filter((n) => !nested[n]));
    }
    out.set(def.schemaRef, {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: def.schemaRef,
      title: def.name,
      description: def.description,
      ...close(root),
      ...(Object.keys(nested).length ? { definitions: nested } : {}),
    });
  }
  return out;
}
