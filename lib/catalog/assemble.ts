import { EmitterDefinition, HandlerDefinition } from '../../decorators';
import { SchemaRegistry } from '../schema/registry';
import { CatalogEntry } from './catalog-entry';
import { CatalogConsistencyError, findCatalogProblems } from './consistency';

/** Builds the catalog from decorator metadata; throws one error listing every inconsistency. */
export function assembleCatalog(registry: SchemaRegistry, emitters: EmitterDefinition[], handlers: HandlerDefinition[] = []): CatalogEntry[] {
  const problems = findCatalogProblems(registry, emitters, handlers);
  if (problems.length) throw new CatalogConsistencyError(problems);
  return registry.latest().map((def) => ({
    eventType: def.type,
    category: def.category,
    module: def.module,
    name: def.name,
    description: def.description,
    status: def.status,
    payloadSchemaRef: def.schemaRef,
    payloadSchema: registry.jsonSchema(def.schemaRef)!,
    versions: registry.versions(def.type).map((d) => d.schemaRef),
    emitters: [...new Set(emitters.filter((e) => e.eventType === def.type).map((e) => `${e.serviceClass.name}.${e.method}`))].sort(),
    supersededBy: def.supersededBy,
    rationale: def.rationale,
  }));
}
