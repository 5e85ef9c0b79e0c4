import { DomainEventDefinition } from '../../decorators';
import { UnknownEventTypeError, VersionConversionError } from './errors';
import { buildJsonSchemas, JsonSchema } from './json-schema';

/**
 * ref → DTO class + JSON Schema, and event type → its registered versions. The highest version of
 * a type is its current one: producers emit it, once per occurrence; older versions stay
 * registered for consumers that declared them (see `convert`).
 */
export class SchemaRegistry {
  private readonly refs = new Map<string, DomainEventDefinition>();
  private readonly types = new Map<string, DomainEventDefinition[]>();
  private schemas?: Map<string, JsonSchema>;
  /** Refs declared by more than one class; reported by the catalog check, not thrown here. */
  readonly duplicateRefs: Array<{ schemaRef: string; classes: string[] }> = [];

  constructor(definitions: DomainEventDefinition[]) {
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

  /** The current (highest) version of a type. */
  current(eventType: string): DomainEventDefinition {
    return this.resolve(eventType);
  }

  /**
   * A payload of `from` as version `toVersion` of the same type: each newer version's
   * `toPreviousVersion` applied in turn, newest first. Throws VersionConversionError when no
   * such chain exists (an older payload cannot be raised to a newer version).
   */
  convert(from: DomainEventDefinition, payload: Record<string, unknown>, toVersion: number): Record<string, unknown> {
    let out = payload;
    for (let v = from.version; v > toVersion; v--) {
      const def = this.versions(from.type).find((d) => d.version === v);
      if (!def?.toPreviousVersion) throw new VersionConversionError(from.type, from.version, toVersion);
      out = { ...def.toPreviousVersion(out) };
    }
    if (from.version < toVersion) throw new VersionConversionError(from.type, from.version, toVersion);
    return out;
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
