import { injectable } from 'tsyringe';
import { actionTime, currentTenant, EmitsEvent, insertIfAbsent, UnitOfWork } from '../../../lib/kit';
import { OutboundEmail } from '../outbound/outbound';
import { OutboundStore } from '../outbound/outbound-store';
import { normalizeAddress } from '../shared/addresses';
import { SuppressionList } from '../suppression/suppression-list';
import { DeliverySignal, RecordedSignal } from './delivery';
import { complaintReceived, emailBounced, emailDelivered } from './delivery-mappers';

/**
 * Records delivery signals about messages we sent (from DSNs and ARF reports in the mailbox, or
 * sending-service webhooks): EMAIL_DELIVERED, EMAIL_BOUNCED, EMAIL_COMPLAINT_RECEIVED, once per
 * message, recipient and kind (a unique key). Matched by our Message-ID, else by the per-message
 * envelope sender token (VERP), else by the server's id. Signals that match no message of ours
 * are dropped. A 5.7.x hard bounce (policy) and a complaint suppress later notification mail.
 */
@injectable()
export class DeliveryReportService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly outbound: OutboundStore,
    private readonly suppressions: SuppressionList,
  ) {}

  @EmitsEvent('EMAIL_DELIVERED', emailDelivered)
  @EmitsEvent('EMAIL_BOUNCED', emailBounced)
  @EmitsEvent('EMAIL_COMPLAINT_RECEIVED', complaintReceived)
  async record(signals: DeliverySignal[]): Promise<RecordedSignal[]> {
    const tenant = currentTenant('DeliveryReportService.record');
    const at = actionTime();
    const recorded: RecordedSignal[] = [];
    for (const signal of signals) {
      const message = await this.match(signal);
      if (!message) continue;
      const recipient = normalizeAddress(signal.recipient);
      const inserted = await insertIfAbsent(
        this.uow.db,
        'email_delivery_reports',
        {
          tenant,
          message_id: message.messageId,
          recipient,
          kind: signal.kind,
          source: signal.source,
          bounce_type: signal.bounceType ?? null,
          status_code: signal.statusCode?.slice(0, 40) ?? null,
          detail: signal.detail?.slice(0, 2000) ?? null,
          raw_ref: signal.rawRef ?? null,
          reported_at: at,
        },
        ['tenant', 'message_id', 'recipient', 'kind'],
      );
      if (!inserted) continue;
      if (signal.kind === 'complaint') await this.suppressions.add(recipient, 'complaint', message.messageId);
      if (signal.kind === 'bounced' && signal.bounceType === 'hard' && /^5\.7\./.test(signal.statusCode ?? '')) await this.suppressions.add(recipient, 'policy_bounce', message.messageId);
      recorded.push({ ...signal, recipient, tenantId: tenant, messageId: message.messageId, providerMessageId: message.providerMessageId ?? message.messageId, at });
    }
    return recorded;
  }

  private async match(signal: DeliverySignal): Promise<OutboundEmail | undefined> {
    if (signal.messageId) {
      const byId = await this.outbound.find(signal.messageId);
      if (byId) return byId;
    }
    if (signal.envelopeToken) {
      const byToken = await this.outbound.byToken('envelope_token', signal.envelopeToken);
      if (byToken) return byToken;
    }
    if (signal.providerMessageId) return this.outbound.byProviderId(signal.providerMessageId);
    return undefined;
  }
}
