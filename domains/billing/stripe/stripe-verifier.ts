import Stripe from 'stripe';
import { StripeWebhookRefusedError } from './stripe-errors';

/**
 * Verifies a delivery with the `stripe` package's webhook helper (HMAC-SHA256 of `t.body` under
 * the endpoint secret, constant-time compare, any `v1` signature of the header) on the raw bytes,
 * before any JSON parsing. The helper refuses timestamps older than the tolerance only; a
 * timestamp further in the future than the tolerance is refused here too, so a captured delivery
 * cannot be pre-dated to outlive the replay window.
 * @throws StripeWebhookRefusedError 401 for a missing/bad signature or timestamp, 400 for a signed body that is not JSON.
 */
export function verifyStripeDelivery(raw: Buffer, header: string | undefined, secret: string | undefined, toleranceSeconds: number, now: Date): Stripe.Event {
  if (!secret) throw new StripeWebhookRefusedError(401, 'STRIPE_WEBHOOK_NOT_CONFIGURED', 'No Stripe endpoint secret is configured: nothing can be verified');
  if (!header) throw new StripeWebhookRefusedError(401, 'STRIPE_SIGNATURE_MISSING', 'Stripe-Signature header missing');
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const timestamps = header
    .split(',')
    .map((part) => part.trim().split('='))
    .filter(([k]) => k === 't')
    .map(([, v]) => Number(v));
  if (timestamps.some((t) => Number.isFinite(t) && t - nowSeconds > toleranceSeconds)) {
    throw new StripeWebhookRefusedError(401, 'STRIPE_TIMESTAMP_IN_FUTURE', 'Stripe-Signature timestamp is in the future beyond the tolerance');
  }
  try {
    // receivedAt is in milliseconds (the helper divides by 1000).
    return Stripe.webhooks.constructEvent(raw, header, secret, toleranceSeconds, undefined, now.getTime());
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // Signed, but not a JSON event: the helper's JSON.parse threw after the signature matched.
    if ((err as { type?: string })?.type !== 'StripeSignatureVerificationError') throw new StripeWebhookRefusedError(400, 'STRIPE_BODY_INVALID', 'Signed body is not a JSON event');
    throw new StripeWebhookRefusedError(401, 'STRIPE_SIGNATURE_INVALID', `Stripe signature refused: ${message.split('\n')[0]}`);
  }
}
