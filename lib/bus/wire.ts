import { isDateTime, isUuid } from '../../decorators';
import { EventEnvelope } from './envelope';

/** Flat stream fields, as the seed product's workflow worker reads them (DESIGN.md "Envelope"). */
export type WireFields = Record<string, string>;

export class WireFormatError extends Error {
  readonly code = 'BAD_ENVELOPE';
  constructor(message: string) {
    super(message);
    this.name = 'WireFormatError';
  }
}

export function toWireFields(e: EventEnvelope): WireFields {
  return {
    event_id: e.id,
    event_name: e.eventName ?? e.eventType,
    event_type: e.eventType,
    tenant: e.tenantId,
    timestamp: e.occurredAt,
    user_id: e.actorUserId ?? '',
    payload_json: JSON.stringify(e.payload),
    payload_schema_ref: e.schemaRef,
    correlation_id: e.correlationId ?? '',
    causation_id: e.causationId ?? '',
    traceparent: e.traceparent ?? '',
    subject: e.subject ?? '',
  };
}

const REQUIRED = ['event_id', 'event_type', 'tenant', 'timestamp', 'payload_json', 'payload_schema_ref'] as const;

export function fromWireFields(f: WireFields): EventEnvelope {
  const missing = REQUIRED.filter((k) => !f[k]);
  if (missing.length) throw new WireFormatError(`missing field(s): ${missing.join(', ')}`);
  // Checked here, not by a database column later: a malformed id is the envelope's fault, never a retry.
  if (!isUuid(f.event_id)) throw new WireFormatError(`event_id must be a UUID, got ${JSON.stringify(f.event_id.slice(0, 80))}`);
  if (!isUuid(f.tenant)) throw new WireFormatError(`tenant must be a UUID, got ${JSON.stringify(f.tenant.slice(0, 80))}`);
  if (!isDateTime(f.timestamp)) throw new WireFormatError(`timestamp must be an RFC 3339 date-time, got ${JSON.stringify(f.timestamp.slice(0, 80))}`);
  let payload: unknown;
  try {
    payload = JSON.parse(f.payload_json);
  } catch (err) {
    throw new WireFormatError(`payload_json is not JSON: ${(err as Error).message}`);
  }
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new WireFormatError('payload_json must be a JSON object');
  }
  // Canonical (lower-case) ids, as PostgreSQL stores them: a re-cased copy of an entry is the same event.
  return {
    id: f.event_id.toLowerCase(),
    eventType: f.event_type,
    eventName: f.event_name || undefined,
    schemaRef: f.payload_schema_ref,
    tenantId: f.tenant.toLowerCase(),
    occurredAt: f.timestamp,
    actorUserId: f.user_id ? f.user_id.toLowerCase() : undefined,
    correlationId: f.correlation_id || undefined,
    causationId: f.causation_id || undefined,
    traceparent: f.traceparent || undefined,
    subject: f.subject || undefined,
    payload: payload as Record<string, unknown>,
  };
}
