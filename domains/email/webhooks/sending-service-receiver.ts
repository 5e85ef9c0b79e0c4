import { EventWebhook } from '@sendgrid/eventwebhook';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { injectable } from 'tsyringe';
import { BlobStore, insertIfAbsent, actionTime, UnitOfWork, withEmissionContext } from '../../../lib/kit';
import { DeliveryReportService } from '../delivery/delivery-service';
import { EmailSettings } from '../settings';
import { resendEvents, sendgridEvents, ServiceEvent } from './sending-service-events';
import { SENDING_SERVICES, SendingService, SendingServiceKeys } from './sending-service-keys';
import { refused } from './webhook-refusal';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface ServiceWebhookReceipt {
  events: number;
  /** Deliveries (event ids) seen before: nothing emitted for them. */
  duplicates: number;
  signals: number;
}

/**
 * POST /webhooks/email/:service/:tenantId — delivery webhooks of sending services, verified on
 * the raw bytes with each service's documented scheme before anything is parsed or stored:
 * SendGrid's signed Event Webhook (ECDSA over timestamp + body, @sendgrid/eventwebhook) and
 * Resend's Svix signature (HMAC-SHA256 over id.timestamp.body, the `standardwebhooks` library).
 * Timestamps further than EmailSettings.webhookToleranceSeconds from now, either way, are refused
 * (the SendGrid helper does not check them). 401 and nothing stored on failure; the raw body is
 * kept in the blob store; each event id is recorded once, so a replay emits nothing twice.
 */
@injectable()
export class SendingServiceReceiver {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly keys: SendingServiceKeys,
    private readonly blobs: BlobStore,
    private readonly delivery: DeliveryReportService,
    private readonly settings: EmailSettings,
  ) {}

  async receive(service: string, tenantId: string, raw: Buffer, headers: Record<string, string | undefined>): Promise<ServiceWebhookReceipt> {
    if (!SENDING_SERVICES.includes(service as SendingService) || !UUID.test(tenantId)) throw refused.unknown(`sending service ${service}`);
    const tenant = tenantId.toLowerCase();
    return withEmissionContext({ tenantId: tenant, actorType: 'SYSTEM', actorUserId: undefined, actorContactId: undefined }, async () => {
      const key = await this.keys.key(service as SendingService);
      if (!key) throw refused.unknown(`${service} configuration for this tenant`);
      const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      const events = service === 'sendgrid' ? this.sendgrid(key, raw, lower) : this.resend(key, raw, lower);
      const stored = await this.blobs.put(raw);
      return this.uow.run(async () => {
        let duplicates = 0;
        const fresh: ServiceEvent[] = [];
        for (const e of events) {
          const first = await insertIfAbsent(this.uow.db, 'email_webhook_deliveries', { tenant, service, delivery_id: e.deliveryId.slice(0, 255), raw_ref: stored.key, received_at: actionTime() }, ['tenant', 'service', 'delivery_id']);
          if (first) fresh.push(e);
          else duplicates++;
        }
        const signals = fresh.flatMap((e) => (e.signal ? [{ ...e.signal, rawRef: stored.key }] : []));
        const recorded = signals.length ? await this.delivery.record(signals) : [];
        return { events: events.length, duplicates, signals: recorded.length };
      });
    });
  }

  private checkTimestamp(seconds: string | undefined): void {
    const ts = Number(seconds);
    if (!Number.isFinite(ts)) throw refused.signature('missing or malformed timestamp');
    if (Math.abs(Date.now() / 1000 - ts) > this.settings.webhookToleranceSeconds) throw refused.signature('timestamp outside the tolerance');
  }

  private sendgrid(publicKey: string, raw: Buffer, h: Record<string, string | undefined>): ServiceEvent[] {
    const signature = h['x-twilio-email-event-webhook-signature'];
    const timestamp = h['x-twilio-email-event-webhook-timestamp'];
    if (!signature || !timestamp) throw refused.signature('missing SendGrid signature headers');
    this.checkTimestamp(timestamp);
    let ok = false;
    try {
      const hook = new EventWebhook();
      ok = hook.verifySignature(hook.convertPublicKeyToECDSA(publicKey), raw.toString('utf8'), signature, timestamp);
    } catch {
      ok = false;
    }
    if (!ok) throw refused.signature('SendGrid signature does not verify');
    return this.parsed(() => sendgridEvents(JSON.parse(raw.toString('utf8'))));
  }

  private resend(secret: string, raw: Buffer, h: Record<string, string | undefined>): ServiceEvent[] {
    const id = h['svix-id'] ?? h['webhook-id'];
    const timestamp = h['svix-timestamp'] ?? h['webhook-timestamp'];
    const signature = h['svix-signature'] ?? h['webhook-signature'];
    if (!id || !timestamp || !signature) throw refused.signature('missing Svix signature headers');
    this.checkTimestamp(timestamp);
    let body: unknown;
    try {
      // Svix and Standard Webhooks share one scheme; only the header names differ.
      body = new Webhook(secret).verify(raw.toString('utf8'), { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': signature });
    } catch (err) {
      // The library throws a plain SyntaxError for a correctly signed body that is not JSON.
      if (err instanceof WebhookVerificationError) throw refused.signature('Resend signature does not verify');
      throw refused.malformed('signed body is not JSON');
    }
    return this.parsed(() => resendEvents(body, id));
  }

  private parsed(fn: () => ServiceEvent[]): ServiceEvent[] {
    try {
      return fn();
    } catch (err) {
      throw refused.malformed((err as Error).message);
    }
  }
}
