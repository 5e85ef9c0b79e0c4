/**
 * What a Stripe delivery came to. processed: acted on; parked: a refund for a payment not recorded
 * yet (acted on when it arrives); duplicate: this event id was handled before; ignored: a type this
 * module does not act on; unlinked: no tenant/client metadata to act for. All answer 2xx.
 */
export type StripeOutcome = 'processed' | 'parked' | 'duplicate' | 'ignored' | 'unlinked';

export interface StripeReceipt {
  eventId: string;
  type: string;
  outcome: StripeOutcome;
}
