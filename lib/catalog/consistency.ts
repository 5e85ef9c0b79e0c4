import { EmitterDefinition, HandlerDefinition } from '../../decorators';
import { SchemaRegistry } from '../schema/registry';

export interface CatalogProblem {
  code:
    | 'EMITTER_WITHOUT_DTO'
    | 'HANDLER_WITHOUT_DTO'
    | 'UNKNOWN_SUBJECT_FIELD'
    | 'NO_VERSION_CONVERTER'
    | 'CATALOG_ONLY_HAS_EMITTER'
    | 'NO_EMITTER'
    | 'DUPLICATE_REF'
    | 'KEY_NOT_CAMEL_CASE'
    | 'MISSING_BASE_FIELDS'
    | 'MISSING_RATIONALE';
  eventType?: string;
  message: string;
}

export class CatalogConsistencyError extends Error {
  readonly code = 'CATALOG_INCONSISTENT';
  constructor(readonly problems: CatalogProblem[]) {
    super(`Event catalog has ${problems.length} problem(s):\n` + problems.map((p) => `  - [${p.code}] ${p.message}`).join('\n'));
    this.name = 'CatalogConsistencyError';
  }
}

const CAMEL = /^[a-z][a-zA-Z0-9]*$/;

function emitterName(e: EmitterDefinition): string {
  return `${e.serviceClass.name}.${e.method}`;
}

/** Every consistency problem at once, so one start-up error lists all of them. */
export function findCatalogProblems(registry: SchemaRegistry, emitters: EmitterDefinition[], handlers: HandlerDefinition[] = []): CatalogProblem[] {
  const problems: CatalogProblem[] = [];
  const emittersByType = new Map<string, EmitterDefinition[]>();
  for (const e of emitters) emittersByType.set(e.eventType, [...(emittersByType.get(e.eventType) ?? []), e]);

  for (const dup of registry.duplicateRefs) {
    problems.push({ code: 'DUPLICATE_REF', message: `${dup.schemaRef} is declared by both ${dup.classes.join(' and ')}` });
  }
  for (const [type, list] of emittersByType) {
    if (!registry.hasType(type)) {
      problems.push({ code: 'EMITTER_WITHOUT_DTO', eventType: type, message: `${list.map(emitterName).join(', ')} emit ${type}, which has no @DomainEvent payload class in the runtime's modules` });
    }
  }
  for (const h of handlers) {
    if (!registry.hasType(h.eventType)) {
      problems.push({ code: 'HANDLER_WITHOUT_DTO', eventType: h.eventType, message: `${h.name} handles ${h.eventType}, which has no @DomainEvent payload class in the runtime's modules` });
    } else if (h.version !== undefined && !registry.versions(h.eventType).some((d) => d.version === h.version)) {
      problems.push({ code: 'HANDLER_WITHOUT_DTO', eventType: h.eventType, message: `${h.name} handles ${h.eventType} v${h.version}, which is not registered` });
    } else if (h.version !== undefined) {
      const missing = registry.versions(h.eventType).filter((d) => d.version > h.version! && !d.toPreviousVersion);
      if (missing.length) problems.push({ code: 'NO_VERSION_CONVERTER', eventType: h.eventType, message: `${h.name} wants ${h.eventType} v${h.version}, but ${missing.map((d) => d.schemaRef).join(', ')} declare no toPreviousVersion` });
    }
  }
  for (const def of registry.all()) {
    const emitted = emittersByType.get(def.type) ?? [];
    if (def.status === 'catalog-only') {
      if (emitted.length) problems.push({ code: 'CATALOG_ONLY_HAS_EMITTER', eventType: def.type, message: `${def.type} is catalog-only but ${emitted.map(emitterName).join(', ')} emit it` });
      if (!def.rationale) problems.push({ code: 'MISSING_RATIONALE', eventType: def.type, message: `${def.type} is catalog-only and needs a rationale` });
    } else if (!emitted.length) {
      problems.push({ code: 'NO_EMITTER', eventType: def.type, message: `${def.type} (${def.status}) has no @EmitsEvent emitter` });
    }
    const schema = registry.jsonSchema(def.schemaRef);
    const props: Record<string, unknown> = schema?.properties ?? {};
    const required: string[] = schema?.required ?? [];
    if (!('tenantId' in props) || !('occurredAt' in props) || !required.includes('tenantId') || !required.includes('occurredAt')) {
      problems.push({ code: 'MISSING_BASE_FIELDS', eventType: def.type, message: `${def.payloadClass.name} (${def.schemaRef}) must require tenantId and occurredAt (extend DomainPayload)` });
    }
    if (def.subject && !(def.subject in props)) {
      problems.push({ code: 'UNKNOWN_SUBJECT_FIELD', eventType: def.type, message: `${def.schemaRef} names subject ${def.subject}, which is not one of its fields` });
    }
    const badKeys = nonCamelKeys(schema);
    if (badKeys.length) problems.push({ code: 'KEY_NOT_CAMEL_CASE', eventType: def.type, message: `${def.schemaRef} has keys that are not camelCase: ${badKeys.join(', ')}` });
  }
  return problems;
}

function nonCamelKeys(schema: any, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries<any>(schema?.properties ?? {})) {
    if (!CAMEL.test(k)) out.push(prefix + k);
  }
  for (const [name, def] of Object.entries<any>(schema?.definitions ?? {})) out.push(...nonCamelKeys(def, `${name}.`));
  return out;
}
