import { DeliverySignal } from '../delivery/delivery';
import { bareMessageId } from '../shared/addresses';

/**
 * A sending service's webhook events as delivery signals, each with its delivery id (the
 * de-duplication key). Events that are not delivery signals (opens, clicks, deferrals, delays) give none.
 */
export interface ServiceEvent {
  deliveryId: string;
  signal?: DeliverySignal;
}

/**
 * SendGrid Event Webhook: an array of events (`delivered`, `bounce` with type bounce|blocked,
 * `dropped`, `spamreport`; `deferred` is not a bounce). `smtp-id` is the Message-ID we set,
 * `sg_event_id` the delivery id, `status` the enhanced code.
 */
export function sendgridEvents(body: unknown): ServiceEvent[] {
  if (!Array.isArray(body)) throw new Error('expected an array of events');
  return body.map((e: Record<string, any>) => {
    const deliveryId = String(e.sg_event_id ?? '');
    if (!deliveryId || typeof e.email !== 'string') throw new Error('an event lacks sg_event_id or email');
    const base = { source: 'sendgrid' as const, recipient: e.email, messageId: typeof e['smtp-id'] === 'string' ? bareMessageId(e['smtp-id']) : undefined, providerMessageId: typeof e.sg_message_id === 'string' ? e.sg_message_id.split('.')[0] : undefined };
    switch (e.event) {
      case 'delivered':
        return { deliveryId, signal: { ...base, kind: 'delivered' as const } };
      case 'bounce':
      case 'dropped': {
        const status = typeof e.status === 'string' ? e.status : undefined;
        return { deliveryId, signal: { ...base, kind: 'bounced' as const, bounceType: status?.startsWith('4') ? ('soft' as const) : ('hard' as const), statusCode: status, detail: typeof e.reason === 'string' ? e.reason : undefined } };
      }
      case 'spamreport':
        return { deliveryId, signal: { ...base, kind: 'complaint' as const, complaintType: 'abuse' } };
      default:
        return { deliveryId };
    }
  });
}

/**
 * Resend webhooks (Svix-signed): one event per delivery (`email.delivered`, `email.bounced` with
 * bounce.type Permanent|Transient, `email.complained`; `email.delivery_delayed` is not a bounce).
 * data.email_id is Resend's id of the message (what its SMTP relay answered when we sent it).
 */
export function resendEvents(body: unknown, deliveryId: string): ServiceEvent[] {
  const e = body as { type?: string; data?: { email_id?: string; to?: string[]; bounce?: { type?: string; message?: string; subType?: string } } };
  if (typeof e?.type !== 'string' || !e.data || !Array.isArray(e.data.to)) throw new Error('expected {type, data: {email_id, to}}');
  const providerMessageId = e.data.email_id;
  return e.data.to.map((recipient, i) => {
    const id = e.data!.to!.length > 1 ? `${deliveryId}#${i}` : deliveryId;
    const base = { source: 'resend' as const, recipient, providerMessageId };
    if (e.type === 'email.delivered') return { deliveryId: id, signal: { ...base, kind: 'delivered' as const } };
    if (e.type === 'email.bounced') {
      const permanent = e.data!.bounce?.type !== 'Transient';
      return { deliveryId: id, signal: { ...base, kind: 'bounced' as const, bounceType: permanent ? ('hard' as const) : ('soft' as const), detail: e.data!.bounce?.message } };
    }
    if (e.type === 'email.complained') return { deliveryId: id, signal: { ...base, kind: 'complaint' as const, complaintType: 'abuse' } };
    return { deliveryId: id };
  });
}
