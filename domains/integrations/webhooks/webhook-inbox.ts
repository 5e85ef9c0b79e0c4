import { injectable } from 'tsyringe';
import { actionTime, currentTenant, EmitsEvent, insertIfAbsent, UnitOfWork } from '../../../lib/kit';
import { ConnectionRow } from '../connections/connection-store';
import { WebhookDelivery } from './webhook';
import { webhookReceived } from './webhook-mappers';

/**
 * Records verified deliveries, once per connection and delivery id (a unique key decides between
 * a delivery and its retries or replays, even concurrent ones).
 */
@injectable()
export class WebhookInbox {
  constructor(private readonly uow: UnitOfWork) {}

  /** Undefined (no event) for a delivery id recorded before. */
  @EmitsEvent('INTEGRATION_WEBHOOK_RECEIVED', webhookReceived)
  async record(connection: ConnectionRow, delivery: { webhookId: string; eventName: string; rawPayloadRef: string }): Promise<WebhookDelivery | undefined> {
    const tenant = currentTenant('WebhookInbox.record');
    const receivedAt = actionTime();
    const inserted = await insertIfAbsent(
      this.uow.db,
      'integration_webhook_deliveries',
      { tenant, connection_id: connection.connection_id, webhook_id: delivery.webhookId, event_name: delivery.eventName.slice(0, 255), received_at: receivedAt, raw_payload_ref: delivery.rawPayloadRef },
      ['tenant', 'connection_id', 'webhook_id'],
    );
    if (!inserted) return undefined;
    return {
      tenantId: tenant,
      integrationId: connection.integration_id,
      provider: connection.provider,
      connectionId: connection.connection_id,
      webhookId: delivery.webhookId,
      eventName: delivery.eventName.slice(0, 255),
      receivedAt,
      rawPayloadRef: delivery.rawPayloadRef,
    };
  }
}
