import { CloudEvent } from 'cloudevents';
import { EventEnvelope } from './envelope';

export interface CloudEventOptions {
  /** CloudEvents `source` (a URI-reference). */
  source?: string;
  /**
   * Prefix that turns a schema ref into the absolute URI CloudEvents requires for `dataschema`
   * (`payload.X.v1` alone is not one). Default `urn:wfe:schema:`; an HTTP base such as
   * `https://events.example.com/schemas/` makes it resolvable through `GET /schemas/:ref`.
   */
  schemaBase?: string;
}

export const DEFAULT_SCHEMA_BASE = 'urn:wfe:schema:';
const NOT_SUBJECTS = new Set(['tenantId', 'actorUserId', 'actorContactId']);

const candidates = new Map<string, string[]>();

/** `<leading words of the type>Id` keys, longest first (computed once per event type). */
function subjectCandidates(eventType: string): string[] {
  let keys = candidates.get(eventType);
  if (!keys) {
    const words = eventType.toLowerCase().split('_').filter(Boolean);
    keys = [];
    for (let n = words.length - 1; n >= 1; n--) keys.push(words.slice(0, n).map((w, i) => (i ? w[0].toUpperCase() + w.slice(1) : w)).join('') + 'Id');
    if (candidates.size < 10_000) candidates.set(eventType, keys);
  }
  return keys;
}

/**
 * The id of the entity the event is about: the payload's `declared` subject field when the DTO
 * names one, else the longest `<leading words of the type>Id` in the payload
 * (TICKET_COMMENT_ADDED → ticketCommentId, else ticketId), else its first other `…Id`.
 */
export function subjectOf(envelope: Pick<EventEnvelope, 'eventType' | 'payload'>, declared?: string): string | undefined {
  const payload = envelope.payload as Record<string, unknown>;
  if (declared && typeof payload[declared] === 'string') return payload[declared] as string;
  for (const key of subjectCandidates(envelope.eventType)) {
    if (typeof payload[key] === 'string') return payload[key] as string;
  }
  const other = Object.keys(payload).find((k) => k.endsWith('Id') && !NOT_SUBJECTS.has(k) && typeof payload[k] === 'string');
  return other ? (payload[other] as string) : undefined;
}

/**
 * The CloudEvents 1.0 form of an envelope, validated by the SDK in strict mode: `type` = event
 * type, `dataschema` = schema ref (as a URI), `subject` = main entity id, extension `tenantid`
 * (plus `correlationid`, `causationid`, `traceparent` when set).
 */
export function toCloudEvent(envelope: EventEnvelope, options: CloudEventOptions = {}): CloudEvent<Record<string, unknown>> {
  const subject = envelope.subject ?? subjectOf(envelope);
  return new CloudEvent<Record<string, unknown>>(
    {
      specversion: '1.0',
      id: envelope.id,
      source: options.source ?? '/workflow-events',
      type: envelope.eventType,
      time: envelope.occurredAt,
      datacontenttype: 'application/json',
      dataschema: `${options.schemaBase ?? DEFAULT_SCHEMA_BASE}${envelope.schemaRef}`,
      ...(subject ? { subject } : {}),
      tenantid: envelope.tenantId,
      ...(envelope.correlationId ? { correlationid: envelope.correlationId } : {}),
      ...(envelope.causationId ? { causationid: envelope.causationId } : {}),
      ...(envelope.traceparent ? { traceparent: envelope.traceparent } : {}),
      data: envelope.payload,
    },
    true,
  );
}
