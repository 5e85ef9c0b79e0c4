import { DateTimeField, StringField, UuidField } from '../../../lib/kit';
import { IntegrationPayload } from '../connections/connection.events';
import { integrations } from '../module';

@integrations.event({
  type: 'INTEGRATION_WEBHOOK_RECEIVED',
  name: 'Integration Webhook Received',
  subject: 'connectionId',
  description:
    "A provider delivered a webhook to POST /webhooks/integrations/:connectionId and its signature checked out (Standard " +
    'Webhooks, or HMAC-SHA256 for providers that sign that way) within the timestamp tolerance. Emitted once per delivery ' +
    'id: retries and replays of a delivery emit nothing. The raw body is kept in the blob store (rawPayloadRef); ' +
    'unsigned, badly signed, stale or future-dated deliveries are refused with 401 and leave nothing behind.',
})
export class IntegrationWebhookReceivedPayload extends IntegrationPayload {
  @UuidField({ optional: true, description: 'The connection whose endpoint was called (always set by this module)' }) connectionId?: string;
  @StringField({ description: "The provider's delivery id (webhook-id header), the de-duplication key" }) webhookId!: string;
  @StringField({ description: "The provider's event type, e.g. customer.updated" }) eventName!: string;
  @DateTimeField() receivedAt!: string;
  @StringField({ optional: true, description: 'Blob store key (sha256:<hex>) of the raw body as received' }) rawPayloadRef?: string;
}

declare module '../../../lib/kit' {
  interface EventPayloadMap {
    INTEGRATION_WEBHOOK_RECEIVED: IntegrationWebhookReceivedPayload;
  }
}
