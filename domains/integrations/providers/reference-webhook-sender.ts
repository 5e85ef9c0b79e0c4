import { createHmac, randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { HmacSha256Scheme, WebhookScheme } from './provider-adapter';

export interface WebhookDelivery {
  body: string;
  headers: Record<string, string>;
}

export interface DeliveryOptions {
  /** Delivery id; default a new UUID (`msg_…` style ids work the same). */
  id?: string;
  /** Signing time; default now. */
  timestamp?: Date;
}

/**
 * Signs a webhook delivery the way the provider of `scheme` does: Standard Webhooks through the
 * `standardwebhooks` library, or HMAC-SHA256 over `<timestamp>.<body>` (or the body alone).
 * The reference provider uses it to call our endpoint; tests use it to sign test deliveries.
 */
export function signWebhook(scheme: WebhookScheme, secret: string, body: string, options: DeliveryOptions = {}): WebhookDelivery {
  const id = options.id ?? `msg_${randomUUID()}`;
  const timestamp = options.timestamp ?? new Date();
  const seconds = String(Math.floor(timestamp.getTime() / 1000));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (scheme.kind === 'standard-webhooks') {
    Object.assign(headers, { 'webhook-id': id, 'webhook-timestamp': seconds, 'webhook-signature': new Webhook(secret).sign(id, timestamp, body) });
  } else {
    headers[scheme.deliveryIdHeader] = id;
    if (scheme.timestampHeader) headers[scheme.timestampHeader] = seconds;
    headers[scheme.signatureHeader] = `${scheme.signaturePrefix ?? ''}${hmacSignature(scheme, secret, body, seconds)}`;
  }
  return { body, headers };
}

function hmacSignature(scheme: HmacSha256Scheme, secret: string, body: string, seconds: string): string {
  const content = scheme.timestampHeader ? `${seconds}.${body}` : body;
  return createHmac('sha256', secret).update(content).digest(scheme.encoding);
}

/** POSTs a signed delivery to `url` (our webhook endpoint) and resolves with the response. */
export function deliverWebhook(url: string, delivery: WebhookDelivery): Promise<Response> {
  return fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.body, signal: AbortSignal.timeout(10_000) });
}
