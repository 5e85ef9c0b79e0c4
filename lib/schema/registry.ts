import { allDomainEvents, DomainEventDefinition } from '../../decorators';
import { UnknownEventTypeError } from './errors';
import { buildJsonSchemas, JsonSchema } from './json-schema';

/** ref → DTO class + JSON Schema, and event type → its registered versions. */
export class SchemaRegistry {
  private readonly refs = new Map<string, DomainEventDefinition>();
  private readonly types = new Map<string, DomainEventDefinition[]>();
  private schemas?: Map<string, JsonSchema>;
  /** Refs declared by more than one class; reported by the catalog check, not thrown here. */
  readonly duplicateRefs: Array<{ schemaRef: string; classes: string[] }> = [];

  constructor(definitions: DomainEventDefinition[] = allDomainEvents()) {
    for (const def of definitions) {
      const existing = this.refs.get(def.schemaRef);
      if (existing) {
        this.duplicateRefs.push({ schemaRef: def.schemaRef, classes: [existing.payloadClass.name, def.payloadClass.name] });
        continue;
      }
      this.refs.set(def.schemaRef, def);
      const versions = this.types.get(def.type) ?? [];
      versions.push(def);
      versions.sort((a, b) => a.version - b.version);
      this.types.set(def.type, versions);
    }
  }

  byRef(schemaRef: string): DomainEventDefinition | undefined {
    return this.refs.get(schemaRef);
  }

  versions(eventType: string): DomainEventDefinition[] {
    return this.types.get(eventType) ?? [];
  }

  hasType(eventType: string): boolean {
    return this.types.has(eventType);
  }

  /** The definition to emit: the requested version, or the highest registered. */
  resolve(eventType: string, version?: number): DomainEventDefinition {
    const versions = this.types.get(eventType);
    const def = version === undefined ? versions?.[versions.length - 1] : versions?.find((d) => d.version === version);
    if (!def) throw new UnknownEventTypeError(version === undefined ? eventType : `${eventType} v${version}`);
    return def;
  }

  /** Latest version of every type, ordered by category then type. */
  latest(): DomainEventDefinition[] {
    return [...this.types.values()]
      .map((v) => v[v.length - 1])
      .sort((a, b) => a.category.localeCompare(b.category) || a.type.localeCompare(b.type));
  }

  all(): DomainEventDefinition[] {
    return [...this.refs.values()];
  }

  jsonSchema(schemaRef: string): JsonSchema | undefined {
    this.schemas ??= buildJsonSchemas(this.all());
    return this.schemas.get(schemaRef);
  }
}
