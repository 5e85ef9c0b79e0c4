import fastify, { FastifyInstance } from 'fastify';
import Stripe from 'stripe';
import { v4 as uuidv4 } from 'uuid';
import { billingModule, StripeWebhookSettings } from '../../../domains/billing';
import { TestKit } from '../../../lib/testing';

export const TEST_SECRET = 'whsec_test_billing_pay_secret';
const quiet = { info() {}, warn() {}, error() {} };

/** Stripe as the tests play it: events shaped as Stripe sends them, signed with the test endpoint secret. */
export class StripeDesk {
  private app?: FastifyInstance;
  constructor(private readonly kit: TestKit) {
    kit.container.registerInstance(StripeWebhookSettings, new StripeWebhookSettings({ endpointSecret: TEST_SECRET }));
  }

  /** The billing routes mounted as `wfe serve` mounts them. */
  async server(): Promise<FastifyInstance> {
    if (this.app) return this.app;
    const app = fastify({ logger: false });
    await app.register(async (scope) => billingModule.routes!(scope, { runtime: this.kit.runtime, logger: quiet, requireApiToken: async () => undefined }));
    await app.ready();
    return (this.app = app);
  }

  async close(): Promise<void> {
    await this.app?.close();
  }

  event(type: string, object: Record<string, unknown>, id = `evt_${uuidv4().replace(/-/g, '')}`): string {
    return JSON.stringify({ id, object: 'event', api_version: '2025-01-27', created: Math.floor(Date.now() / 1000), livemode: false, pending_webhooks: 1, type, data: { object } });
  }

  intent(o: { id?: string; amount: number; currency?: string; status?: string; metadata: Record<string, string>; error?: Record<string, unknown> }) {
    return {
      id: o.id ?? `pi_${uuidv4().replace(/-/g, '').slice(0, 24)}`,
      object: 'payment_intent',
      amount: o.amount,
      amount_received: o.status === 'succeeded' ? o.amount : 0,
      currency: (o.currency ?? 'usd').toLowerCase(),
      status: o.status ?? 'succeeded',
      created: Math.floor(Date.now() / 1000),
      payment_method_types: ['card'],
      metadata: o.metadata,
      last_payment_error: o.error ?? null,
    };
  }

  charge(o: { paymentIntent: string; amount: number; amountRefunded: number; metadata?: Record<string, string>; reason?: string }) {
    return {
      id: `ch_${uuidv4().replace(/-/g, '').slice(0, 24)}`,
      object: 'charge',
      amount: o.amount,
      amount_refunded: o.amountRefunded,
      currency: 'usd',
      refunded: o.amountRefunded === o.amount,
      payment_intent: o.paymentIntent,
      metadata: o.metadata ?? {},
      refunds: { object: 'list', data: [{ id: `re_${uuidv4().slice(0, 8)}`, object: 'refund', amount: o.amountRefunded, reason: o.reason ?? null }] },
    };
  }

  sign(payload: string, opts: { secret?: string; timestamp?: number } = {}): string {
    return Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? TEST_SECRET, timestamp: opts.timestamp });
  }

  /** Posts `payload` signed with the test secret, or with `signature` as given (null: no header). */
  async deliver(payload: string, signature?: string | null) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const header = signature === undefined ? this.sign(payload) : signature;
    if (header !== null) headers['stripe-signature'] = header;
    return (await this.server()).inject({ method: 'POST', url: '/webhooks/stripe', headers, payload });
  }
}
