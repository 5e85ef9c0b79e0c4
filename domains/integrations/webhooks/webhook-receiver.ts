import { injectable } from 'tsyringe';
import { BlobStore, BlobTooLargeError, UnitOfWork, withEmissionContext } from '../../../lib/kit';
import { ConnectionService } from '../connections/connection-service';
import { ConnectionStore } from '../connections/connection-store';
import { ProviderAdapters } from '../providers/provider-registry';
import { WebhookHeaders } from '../providers/provider-adapter';
import { IntegrationSettings } from '../settings';
import { WebhookReceipt } from './webhook';
import { webhookRefusals } from './webhook-errors';
import { WebhookInbox } from './webhook-inbox';
import { verifyDelivery } from './webhook-verifier';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Takes one delivery to POST /webhooks/integrations/:connectionId: finds the connection, verifies
 * the signature on the raw bytes with the connection's sealed secret under the adapter's scheme,
 * keeps the raw body in the blob store, then records it (INTEGRATION_WEBHOOK_RECEIVED once per
 * delivery id); a revocation notice then disconnects the connection in the same transaction. Throws WebhookRefusedError (401/400/404/410/413): nothing stored, nothing emitted.
 */
@injectable()
export class WebhookReceiver {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly store: ConnectionStore,
    private readonly adapters: ProviderAdapters,
    private readonly inbox: WebhookInbox,
    private readonly connections: ConnectionService,
    private readonly blobs: BlobStore,
    private readonly settings: IntegrationSettings,
  ) {}

  async receive(connectionId: string, raw: Buffer, headers: WebhookHeaders): Promise<WebhookReceipt> {
    if (raw.length > this.settings.webhookMaxBytes) throw webhookRefusals.tooLarge(this.settings.webhookMaxBytes);
    const tenantId = await this.tenantOf(connectionId);
    if (!tenantId) throw webhookRefusals.unknownConnection(connectionId);
    return withEmissionContext({ tenantId, actorType: 'SYSTEM', actorUserId: undefined, actorContactId: undefined }, async () => {
      const connection = await this.store.row(connectionId);
      if (connection.status === 'disconnected') throw webhookRefusals.disconnected(connectionId);
      const secret = this.store.openWebhookSecret(connection);
      if (!secret) throw webhookRefusals.noSecret(connectionId);
      const adapter = this.adapters.get(connection.provider);
      const lowered = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      const { webhookId, body } = verifyDelivery(adapter.webhookScheme, secret, raw, lowered, this.settings.webhookToleranceSeconds);
      const eventName = adapter.webhookEventName(body, lowered);
      if (!eventName) throw webhookRefusals.noEventName();
      let stored;
      try {
        // Content-addressed: a replay stores nothing new, and the bytes are kept exactly as signed.
        stored = await this.blobs.put(raw, { maxBytes: this.settings.webhookMaxBytes });
      } catch (err) {
        if (err instanceof BlobTooLargeError) throw webhookRefusals.tooLarge(this.settings.webhookMaxBytes);
        throw err;
      }
      // One transaction: the delivery, then — for the provider's revocation notice — the disconnect it causes.
      return this.uow.run(async () => {
        const delivery = await this.inbox.record(connection, { webhookId, eventName, rawPayloadRef: stored.key });
        const revoked = !!delivery && adapter.isRevocation(eventName) && !!(await this.connections.markRevokedByProvider(connection.connection_id, eventName));
        return { webhookId, eventName, duplicate: !delivery, disconnected: revoked };
      });
    });
  }

  /**
   * The tenant owning a connection: the one read without a tenant, since a provider calls with
   * nothing but the connection id in the URL. The signature check that follows is what trusts it.
   */
  private async tenantOf(connectionId: string): Promise<string | undefined> {
    if (!UUID.test(connectionId)) return undefined;
    const row = await this.uow.db('integration_connections').where({ connection_id: connectionId.toLowerCase() }).first('tenant');
    return row?.tenant;
  }
}
