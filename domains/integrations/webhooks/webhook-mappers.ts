import { iso } from '../../../lib/kit';
import { WebhookDelivery } from './webhook';

/** Nothing for a replayed delivery id. */
export const webhookReceived = (d: WebhookDelivery | undefined) =>
  d
    ? {
        tenantId: d.tenantId,
        actorType: 'SYSTEM' as const,
        integrationId: d.integrationId,
        provider: d.provider,
        connectionId: d.connectionId,
        webhookId: d.webhookId,
        eventName: d.eventName,
        receivedAt: iso(d.receivedAt),
        rawPayloadRef: d.rawPayloadRef,
      }
    : undefined;
