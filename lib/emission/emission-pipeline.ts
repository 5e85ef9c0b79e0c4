import { EmissionContextView, EmitterDefinition } from '../../decorators';
import { subjectOf } from '../bus/cloudevent';
import { EventEnvelope, newEventId } from '../bus/envelope';
import { EventPayloadInvalidError } from '../schema/errors';
import { SchemaRegistry } from '../schema/registry';
import { Validator } from '../schema/validator';
import { CanonicalForm, canonicalUuid } from './canonical-form';
import { actorTypeOf, EmissionContextInit, EmissionContextViews } from './emission-context';

type Payload = Record<string, unknown>;

let lastMs = NaN;
let lastIso = '';

/** `new Date(ms).toISOString()`, formatted once per millisecond (events of a burst share it). */
function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}

/**
 * map → enrich → validate → envelope. Pure: no I/O, so it can be measured on its own and reused
 * by every way an event is produced (decorated method, simulator, replay).
 */
export class EmissionPipeline {
  private readonly canonical: CanonicalForm;
  private readonly contexts: EmissionContextViews;

  constructor(
    private readonly registry: SchemaRegistry,
    private readonly validator: Validator,
    defaults: EmissionContextInit = {},
  ) {
    this.canonical = new CanonicalForm((ref) => registry.jsonSchema(ref));
    this.contexts = new EmissionContextViews(defaults);
  }

  /** The current emission context over this pipeline's defaults (shared: do not modify). */
  context(): EmissionContextView & EmissionContextInit {
    return this.contexts.current();
  }

  /** Envelopes for one decorator of a method that returned `result`. */
  fromEmitter(emitter: EmitterDefinition, result: unknown, args: unknown[]): EventEnvelope[] {
    const ctx = this.context();
    const mapped = emitter.mapper(result, args, ctx);
    if (mapped === undefined || mapped === null) return [];
    if (!Array.isArray(mapped)) return [this.build(emitter.eventType, mapped as Payload, undefined, ctx)];
    return mapped.map((p) => this.build(emitter.eventType, p as Payload, undefined, ctx));
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
    // A `__proto__` key stays an own key (assignment would set the prototype) for the validator to refuse.
    const out: Payload = {};
    for (const k of Object.keys(payload)) {
      const v = payload[k];
      if (v === undefined) continue;
      if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      else out[k] = v;
    }
    if (out.tenantId === undefined && ctx.tenantId) out.tenantId = ctx.tenantId;
    if (out.occurredAt === undefined) out.occurredAt = isoTime(ctx.clock ? ctx.clock().getTime() : Date.now());
    if (out.actorUserId === undefined && out.actorContactId === undefined && out.actorType === undefined) {
      if (ctx.actorUserId) out.actorUserId = ctx.actorUserId;
      if (ctx.actorContactId) out.actorContactId = ctx.actorContactId;
      const type = actorTypeOf(ctx);
      if (type) out.actorType = type;
    }
    return out;
  }
}
