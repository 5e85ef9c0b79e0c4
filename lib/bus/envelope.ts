import { v7 as uuidv7 } from 'uuid';

/** What travels from the outbox to the workflow runtime. `id` is the de-duplication key end to end. */
export interface EventEnvelope<P = Record<string, unknown>> {
  id: string;
  eventType: string;
  /** The catalog's human name (wire field `event_name`). */
  eventName?: string;
  schemaRef: string;
  tenantId: string;
  occurredAt: string;
  actorUserId?: string;
  correlationId?: string;
  causationId?: string;
  traceparent?: string;
  /**
   * Id of the entity the event is about (the DTO's declared `subject` field, else inferred): the
   * CloudEvents `subject` and the event's ordering key.
   */
  subject?: string;
  payload: P;
}

export function newEventId(): string {
  return uuidv7();
}
