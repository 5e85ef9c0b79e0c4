import { createHmac, timingSafeEqual } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { HmacSha256Scheme, WebhookHeaders, WebhookScheme } from '../providers/provider-adapter';
import { webhookRefusals } from './webhook-errors';

/** A delivery whose signature and timestamp checked out. */
export interface VerifiedDelivery {
  webhookId: string;
  /** The parsed JSON body. */
  body: unknown;
}

/**
 * Verifies a delivery under the provider's scheme before anything is parsed or stored.
 * Standard Webhooks goes through the `standardwebhooks` library with JSON parsing off (it would
 * throw a plain SyntaxError for a signed body that is not JSON); the body is parsed here after
 * the signature passed. The library refuses timestamps more than 5 minutes off either way.
 * HMAC-SHA256 compares in constant time and checks the timestamp against `toleranceSeconds`.
 * Throws WebhookRefusedError.
 */
export function verifyDelivery(scheme: WebhookScheme, secret: string, raw: Buffer, headers: WebhookHeaders, toleranceSeconds: number, now: Date = new Date()): VerifiedDelivery {
  const webhookId = scheme.kind === 'standard-webhooks' ? verifyStandard(secret, raw, headers) : verifyHmac(scheme, secret, raw, headers, toleranceSeconds, now);
  if (!webhookId || webhookId.length > 255) throw webhookRefusals.badDeliveryId();
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw webhookRefusals.notJson();
  }
  return { webhookId, body };
}

function verifyStandard(secret: string, raw: Buffer, headers: WebhookHeaders): string {
  const required = { 'webhook-id': headers['webhook-id'] ?? '', 'webhook-timestamp': headers['webhook-timestamp'] ?? '', 'webhook-signature': headers['webhook-signature'] ?? '' };
  try {
    new Webhook(secret).verify(raw, required, { jsonParse: false });
  } catch (err) {
    if (!(err instanceof WebhookVerificationError)) throw webhookRefusals.badSignature((err as Error).message);
    const message = err.message;
    throw /timestamp too (old|new)/i.test(message) ? webhookRefusals.badTimestamp(message) : webhookRefusals.badSignature(message);
  }
  return required['webhook-id'];
}

function verifyHmac(scheme: HmacSha256Scheme, secret: string, raw: Buffer, headers: WebhookHeaders, toleranceSeconds: number, now: Date): string {
  const given = headers[scheme.signatureHeader.toLowerCase()];
  if (!given) throw webhookRefusals.badSignature(`missing ${scheme.signatureHeader}`);
  let signed = raw;
  if (scheme.timestampHeader) {
    const stamp = headers[scheme.timestampHeader.toLowerCase()] ?? '';
    if (!/^\d{1,12}$/.test(stamp)) throw webhookRefusals.badSignature(`missing or malformed ${scheme.timestampHeader}`);
    const skew = Math.floor(now.getTime() / 1000) - Number(stamp);
    if (skew > toleranceSeconds) throw webhookRefusals.badTimestamp('message timestamp too old');
    if (skew < -toleranceSeconds) throw webhookRefusals.badTimestamp('message timestamp too new');
    signed = Buffer.concat([Buffer.from(`${stamp}.`), raw]);
  }
  const expected = Buffer.from(createHmac('sha256', secret).update(signed).digest(scheme.encoding));
  const prefix = scheme.signaturePrefix ?? '';
  const candidates = given.split(/[\s,]+/).filter((s) => s.startsWith(prefix)).map((s) => Buffer.from(s.slice(prefix.length)));
  if (!candidates.some((c) => c.length === expected.length && timingSafeEqual(c, expected))) throw webhookRefusals.badSignature('no matching signature');
  const id = headers[scheme.deliveryIdHeader.toLowerCase()];
  if (!id) throw webhookRefusals.badDeliveryId();
  return id;
}
