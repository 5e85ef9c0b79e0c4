import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';

/**
 * A Stripe event as Stripe would post it for a PaymentIntent, signed with the endpoint secret by
 * the `stripe` package's own test signer: used by `wfe demo` to play Stripe against the real route.
 */
export function signedIntentEvent(
  secret: string,
  type: 'payment_intent.succeeded' | 'payment_intent.payment_failed',
  intent: { id: string; amount: number; currency: string; metadata: Record<string, string>; declineCode?: string },
): { body: string; signature: string } {
  const failed = type === 'payment_intent.payment_failed';
  const created = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    id: `evt_${randomUUID().replace(/-/g, '')}`,
    object: 'event',
    created,
    livemode: false,
    type,
    data: {
      object: {
        id: intent.id,
        object: 'payment_intent',
        amount: intent.amount,
        amount_received: failed ? 0 : intent.amount,
        currency: intent.currency.toLowerCase(),
        status: failed ? 'requires_payment_method' : 'succeeded',
        created,
        payment_method_types: ['card'],
        metadata: intent.metadata,
        last_payment_error: failed ? { code: 'card_declined', decline_code: intent.declineCode ?? 'insufficient_funds', message: 'Your card has insufficient funds.' } : null,
      },
    },
  });
  return { body, signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret }) };
}
