import { injectable } from 'tsyringe';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { actionTime, currentTenant, DomainError, insertIfAbsent, UnitOfWork } from '../../../lib/kit';
import { DeliveryService } from './delivery-service';

/** A receipt refused before anything was stored; `status` is the HTTP answer. */
export class ReceiptRefusedError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly status: number,
  ) {
    super(code, message);
  }
}

/**
 * Delivery receipts from the SMS and push gateways (for messages they had only `accepted`):
 * `{ "id": "<provider message id>", "status": "delivered" | "failed", "error"? }`, signed with the
 * Standard Webhooks scheme (webhook-id / webhook-timestamp / webhook-signature, checked with
 * `standardwebhooks`, 5 minutes of tolerance either way) under `WFE_<CHANNEL>_GATEWAY_WEBHOOK_SECRET`.
 * delivered → NOTIFICATION_DELIVERED, failed → NOTIFICATION_FAILED (not retryable: the gateway
 * gave up). A replayed webhook id changes nothing; an unknown message id is acknowledged and ignored.
 */
@injectable()
export class GatewayReceiptService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly delivery: DeliveryService,
  ) {}

  async receive(channel: string, raw: Buffer, headers: Record<string, string | undefined>): Promise<{ duplicate: boolean; matched: boolean }> {
    const tenant = currentTenant('GatewayReceiptService.receive');
    if (channel !== 'sms' && channel !== 'push') throw new ReceiptRefusedError('CHANNEL_UNKNOWN', `no receipts for channel ${channel}`, 404);
    const secret = process.env[`WFE_${channel.toUpperCase()}_GATEWAY_WEBHOOK_SECRET`];
    if (!secret) throw new ReceiptRefusedError('RECEIPTS_NOT_CONFIGURED', `no ${channel} gateway webhook secret is configured`, 404);
    try {
      new Webhook(secret).verify(raw.toString('utf8'), headers as Record<string, string>, { jsonParse: false });
    } catch (err) {
      if (err instanceof WebhookVerificationError) throw new ReceiptRefusedError('SIGNATURE_INVALID', `receipt refused: ${err.message}`, 401);
      throw err;
    }
    let body: { id?: unknown; status?: unknown; error?: unknown };
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new ReceiptRefusedError('RECEIPT_MALFORMED', 'the receipt is not JSON', 400);
    }
    if (typeof body?.id !== 'string' || !body.id || (body.status !== 'delivered' && body.status !== 'failed')) {
      throw new ReceiptRefusedError('RECEIPT_MALFORMED', 'the receipt needs an id and a status of delivered or failed', 400);
    }
    const providerMessageId = body.id;
    const status = body.status;
    return this.uow.run(async () => {
      const row = { tenant, webhook_id: String(headers['webhook-id']).slice(0, 200), channel, provider_message_id: providerMessageId.slice(0, 200), status, received_at: actionTime() };
      if (!(await insertIfAbsent(this.uow.db, 'notification_gateway_receipts', row, ['tenant', 'webhook_id']))) return { duplicate: true, matched: false };
      const outcome =
        status === 'delivered'
          ? await this.delivery.confirm(providerMessageId)
          : await this.delivery.reportFailure(providerMessageId, { code: 'GATEWAY_REPORTED_FAILURE', message: String(body.error ?? 'the gateway could not deliver the message').slice(0, 2000), retryable: false });
      return { duplicate: false, matched: outcome !== undefined };
    });
  }
}
