import Stripe from 'stripe';
import { injectable } from 'tsyringe';
import { BlobStore, BlobTooLargeError, insertIfAbsent, UnitOfWork, withEmissionContext } from '../../../lib/kit';
import { BillingAttributionError } from '../settings/billing-settings-errors';
import { StripeActions } from './stripe-actions';
import { StripeWebhookRefusedError } from './stripe-errors';
import { isHandled, linkOf, paymentIntentOf, StripeLink } from './stripe-link';
import { StripeOutcome, StripeReceipt } from './stripe-receipt';
import { StripeWebhookSettings } from './stripe-settings';
import { verifyStripeDelivery } from './stripe-verifier';

/**
 * Takes one delivery to POST /webhooks/stripe: verifies the signature on the raw bytes (401,
 * nothing stored), acknowledges types it does not act on, keeps the raw body in the blob store and
 * acts once per Stripe event id, as SYSTEM in the tenant named by the object's metadata — the
 * delivery row and the actions it causes commit together. A refund whose payment is not recorded
 * yet is parked and acted on when the payment arrives.
 */
@injectable()
export class StripeWebhookReceiver {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly settings: StripeWebhookSettings,
    private readonly blobs: BlobStore,
    private readonly actions: StripeActions,
  ) {}

  /** @throws StripeWebhookRefusedError (401 signature or timestamp, 413 size, 400 body). */
  async receive(raw: Buffer, signature: string | undefined, now: Date = new Date()): Promise<StripeReceipt> {
    if (raw.length > this.settings.maxBytes) throw new StripeWebhookRefusedError(413, 'STRIPE_BODY_TOO_LARGE', `Body over ${this.settings.maxBytes} bytes`);
    const event = verifyStripeDelivery(raw, signature, this.settings.endpointSecret, this.settings.toleranceSeconds, now);
    const receipt = (outcome: StripeOutcome): StripeReceipt => ({ eventId: event.id, type: event.type, outcome });
    if (!isHandled(event.type)) return receipt('ignored');
    const object = event.data.object as Stripe.PaymentIntent | Stripe.Charge;
    const link = await this.linkFor(event.type, object);
    if (!link.tenantId || (event.type !== 'charge.refunded' && !link.clientId)) return receipt('unlinked');
    let stored;
    try {
      stored = await this.blobs.put(raw, { maxBytes: this.settings.maxBytes });
    } catch (err) {
      if (err instanceof BlobTooLargeError) throw new StripeWebhookRefusedError(413, 'STRIPE_BODY_TOO_LARGE', `Body over ${this.settings.maxBytes} bytes`);
      throw err;
    }
    const context = { tenantId: link.tenantId, actorType: 'SYSTEM' as const, actorUserId: undefined, actorContactId: undefined, clock: () => now };
    return withEmissionContext(context, () =>
      this.uow.run(async () => {
        const db = this.uow.db;
        const intentId = event.type === 'charge.refunded' ? paymentIntentOf(object as Stripe.Charge) : object.id;
        const fresh = await insertIfAbsent(
          db,
          'billing_stripe_events',
          { tenant: link.tenantId, stripe_event_id: event.id, event_type: event.type, status: 'received', payment_intent_id: intentId ?? null, raw_body_ref: stored.key, received_at: now },
          ['tenant', 'stripe_event_id'],
        );
        if (!fresh) return receipt('duplicate');
        const outcome = await this.act(event, link);
        await db('billing_stripe_events').where({ tenant: link.tenantId, stripe_event_id: event.id }).update({ status: outcome, processed_at: outcome === 'processed' ? now : null });
        if (event.type === 'payment_intent.succeeded') await this.replayParked(link.tenantId!, object.id, now);
        return receipt(outcome);
      }),
    );
  }

  private async act(event: Stripe.Event, link: StripeLink): Promise<StripeOutcome> {
    switch (event.type) {
      case 'payment_intent.succeeded':
        await this.actions.succeeded(event.data.object, link);
        return 'processed';
      case 'payment_intent.payment_failed':
        await this.actions.failed(event.data.object, link);
        return 'processed';
      case 'charge.refunded':
        return (await this.actions.refunded(event.data.object)) ? 'processed' : 'parked';
      default:
        return 'ignored';
    }
  }

  /** Refunds that arrived before this payment: acted on now, in the payment's transaction. */
  private async replayParked(tenant: string, intentId: string, now: Date): Promise<void> {
    const parked = await this.uow.db('billing_stripe_events').where({ tenant, status: 'parked', payment_intent_id: intentId }).orderBy('received_at');
    for (const row of parked) {
      const event = JSON.parse((await this.blobs.read(row.raw_body_ref)).toString('utf8')) as Stripe.Event;
      if (event.type !== 'charge.refunded') continue;
      // A refund nobody can be named for (no automation user, no applier) stays parked rather than
      // failing the payment's own delivery.
      const done = await this.uow.run(() => this.actions.refunded(event.data.object)).catch((err) => {
        if (err instanceof BillingAttributionError) return false;
        throw err;
      });
      if (!done) continue;
      await this.uow.db('billing_stripe_events').where({ tenant, stripe_event_id: row.stripe_event_id }).update({ status: 'processed', processed_at: now });
    }
  }

  /**
   * The tenant and client the object belongs to. A refunded charge without metadata is traced
   * through its PaymentIntent to the payment recorded for it (read across tenants: the signature
   * is what trusts the delivery; Stripe ids are unique).
   */
  private async linkFor(type: string, object: Stripe.PaymentIntent | Stripe.Charge): Promise<StripeLink> {
    const link = linkOf(object);
    if (link.tenantId || type !== 'charge.refunded') return link;
    const intentId = paymentIntentOf(object as Stripe.Charge);
    const row = intentId ? await this.uow.db('billing_payments').where({ gateway_transaction_id: intentId }).first('tenant', 'client_id') : undefined;
    return row ? { tenantId: row.tenant, clientId: row.client_id } : link;
  }
}
