import { v4 as uuidv4 } from 'uuid';
import { EventEnvelope, newEventId } from '../../../lib/bus/envelope';

/** A well-formed INVOICE_FINALIZED envelope (billing), for transport-level tests. */
export function invoiceFinalized(overrides: Partial<EventEnvelope> = {}): EventEnvelope {
  const tenantId = overrides.tenantId ?? uuidv4();
  const occurredAt = new Date().toISOString();
  return {
    id: newEventId(),
    eventType: 'INVOICE_FINALIZED',
    eventName: 'Invoice Finalized',
    schemaRef: 'payload.InvoiceFinalized.v1',
    tenantId,
    occurredAt,
    actorUserId: uuidv4(),
    correlationId: uuidv4(),
    payload: { tenantId, occurredAt, invoiceId: uuidv4(), status: 'finalized', totalAmount: 47500 },
    ...overrides,
  };
}
