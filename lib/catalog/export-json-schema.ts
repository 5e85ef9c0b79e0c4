import { SchemaRegistry } from '../schema/registry';
import { JsonSchema } from '../schema/json-schema';

/** One self-contained draft-07 schema per registered ref (every version), `$id` = ref, by ref. */
export function exportJsonSchemas(registry: SchemaRegistry): JsonSchema[] {
  return registry
    .all()
    .map((def) => def.schemaRef)
    .sort()
    .map((ref) => registry.jsonSchema(ref)!);
}
