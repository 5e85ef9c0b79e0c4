import { isUUID } from 'class-validator';
import Stripe from 'stripe';

/**
 * What ties a Stripe object to this system: metadata the application sets when it creates the
 * PaymentIntent (`tenantId`, `clientId`, optional `invoiceId`); Stripe copies a PaymentIntent's
 * metadata to the charges it creates, so refunds carry them too.
 */
export interface StripeLink {
  tenantId?: string;
  clientId?: string;
  invoiceId?: string;
}

const uuidOrUndefined = (v: unknown): string | undefined => (typeof v === 'string' && isUUID(v, 'all') ? v.toLowerCase() : undefined);

export function linkOf(object: { metadata?: Stripe.Metadata | null }): StripeLink {
  const m = object.metadata ?? {};
  return { tenantId: uuidOrUndefined(m.tenantId), clientId: uuidOrUndefined(m.clientId), invoiceId: uuidOrUndefined(m.invoiceId) };
}

/** The PaymentIntent id of a charge (`payment_intent` is an id or, when expanded, the object). */
export const paymentIntentOf = (charge: Stripe.Charge): string | undefined =>
  typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id ?? undefined;

/** Stripe amounts are in the currency's smallest unit, as ISO 4217 minor units here; codes are lower case there. */
export const currencyOf = (code: string): string => code.toUpperCase();

/** The Stripe event types this module acts on; every other type is acknowledged and ignored. */
export const HANDLED_TYPES = ['payment_intent.succeeded', 'payment_intent.payment_failed', 'charge.refunded'] as const;
export type HandledType = (typeof HANDLED_TYPES)[number];
export const isHandled = (type: string): type is HandledType => (HANDLED_TYPES as readonly string[]).includes(type);
