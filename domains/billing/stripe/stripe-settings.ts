/**
 * Tunables of the Stripe webhook endpoint. The endpoint secret (`whsec_…`, from the Stripe
 * dashboard's webhook endpoint) comes from STRIPE_WEBHOOK_SECRET unless an application registers
 * its own instance in the runtime's container
 * (`container.registerInstance(StripeWebhookSettings, new StripeWebhookSettings({ endpointSecret }))`).
 */
export class StripeWebhookSettings {
  /** Without one, every delivery is refused with 401 (nothing can be verified). */
  endpointSecret: string | undefined = process.env.STRIPE_WEBHOOK_SECRET || undefined;
  /** Signatures older, or dated further in the future, than this many seconds are refused (Stripe's default: 300). */
  toleranceSeconds = 300;
  /** Largest body accepted and kept, in bytes. */
  maxBytes = 512 * 1024;

  constructor(overrides: Partial<StripeWebhookSettings> = {}) {
    Object.assign(this, overrides);
  }
}
