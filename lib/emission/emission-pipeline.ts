import { EmissionContextView, EmitterDefinition } from '../../decorators';
import { subjectOf } from '../bus/cloudevent';
import { EventEnvelope, newEventId } from '../bus/envelope';
import { EventPayloadInvalidError } from '../schema/errors';
import { SchemaRegistry } from '../schema/registry';
import { Validator } from '../schema/validator';
import { CanonicalForm, canonicalUuid } from './canonical-form';
import { actorTypeOf, currentEmissionContext, EmissionContextInit } from './emission-context';

type Payload = Record<string, unknown>;

const ACTOR_KEYS = ['actorUserId', 'actorContactId', 'actorType'] as const;

/**
 * map → enrich → validate → envelope. Pure: no I/O, so it can be measured on its own and reused
 * by every way an event is produced (decorated method, simulator, replay).
 */
export class EmissionPipeline {
  private readonly canonical: CanonicalForm;

  constructor(
    private readonly registry: SchemaRegistry,
    private readonly validator: Validator,
    private readonly defaults: EmissionContextInit = {},
  ) {
    this.canonical = new CanonicalForm((ref) => registry.jsonSchema(ref));
  }

  context(): EmissionContextView & EmissionContextInit {
    return currentEmissionContext(this.defaults);
  }

  /** Envelopes for one decorator of a method that returned `result`. */
  fromEmitter(emitter: EmitterDefinition, result: unknown, args: unknown[]): EventEnvelope[] {
    const ctx = this.context();
    const mapped = emitter.mapper(result, args, ctx);
    if (mapped === undefined || mapped === null) return [];
    const payloads = Array.isArray(mapped) ? mapped : [mapped];
    return payloads.map((p) => this.build(emitter.eventType, p as Payload, undefined, ctx));
  }

  /** Enriches, validates and wraps one payload. Throws EventPayloadInvalidError when invalid. */
  build(eventType: string, payload: Payload, version?: number, ctx = this.context()): EventEnvelope {
    const def = this.registry.resolve(eventType, version);
    // One canonical form for ids and times from here on: PostgreSQL folds uuid columns to lower
    // case and consumers compare strings, so `0F8F…` in the payload and `0f8f…` in the outbox
    // row would read as a tenant mismatch downstream.
    const enriched = this.canonical.payload(def.schemaRef, this.enrich(payload, ctx));
    const result = this.validator.validate(def.schemaRef, enriched);
    if (!result.ok) throw new EventPayloadInvalidError(eventType, def.schemaRef, result.issues);
    return {
      id: newEventId(),
      eventType,
      eventName: def.name,
      schemaRef: def.schemaRef,
      tenantId: enriched.tenantId as string,
      occurredAt: enriched.occurredAt as string,
      actorUserId: enriched.actorUserId as string | undefined,
      correlationId: ctx.correlationId === undefined ? undefined : canonicalUuid(ctx.correlationId),
      causationId: ctx.causationId === undefined ? undefined : canonicalUuid(ctx.causationId),
      traceparent: ctx.traceparent,
      subject: subjectOf({ eventType, payload: enriched }, def.subject),
      payload: enriched,
    };
  }

  /** The one place tenant, time and actor are filled in; a mapper's own values win. */
  private enrich(payload: Payload, ctx: EmissionContextView & EmissionContextInit): Payload {
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return payload;
    // Keys set to undefined are dropped: what is validated is exactly what is stored and published.
    // fromEntries defines own properties, so a `__proto__` key stays a key for the validator to refuse.
    const out: Payload = Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined));
    if (out.tenantId === undefined && ctx.tenantId) out.tenantId = ctx.tenantId;
    if (out.occurredAt === undefined) out.occurredAt = ctx.now().toISOString();
    if (!ACTOR_KEYS.some((k) => out[k] !== undefined)) {
      if (ctx.actorUserId) out.actorUserId = ctx.actorUserId;
      if (ctx.actorContactId) out.actorContactId = ctx.actorContactId;
      const type = actorTypeOf(ctx);
      if (type) out.actorType = type;
    }
    return out;
  }
}
