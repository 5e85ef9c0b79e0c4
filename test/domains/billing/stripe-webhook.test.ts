import { expect } from 'chai';
import { v4 as uuidv4 } from 'uuid';
import { billingModule, Invoice } from '../../../domains/billing';
import { BlobStore } from '../../../lib/kit';
import { createTestKit, TestKit } from '../../../lib/testing';
import { forEachDatabase } from '../../support/databases';
import { issueInvoice } from './billing-fixtures';
import { StripeDesk } from './stripe-desk';

forEachDatabase('billing: POST /webhooks/stripe', (target) => {
  let kit: TestKit;
  let stripe: StripeDesk;
  let invoice: Invoice;
  const clientId = uuidv4();
  const meta = () => ({ tenantId: kit.tenantId, clientId, invoiceId: invoice.id });

  beforeEach(async () => {
    kit = await createTestKit({ modules: [billingModule], databaseUrl: target.url });
    stripe = new StripeDesk(kit);
    invoice = await issueInvoice(kit, { clientId, total: 10000 });
  });
  afterEach(async () => {
    await stripe.close();
    await kit.close();
  });

  it('a succeeded PaymentIntent records the payment and applies it to its invoice, once per delivery', async () => {
    const intent = stripe.intent({ amount: 10000, metadata: meta() });
    const body = stripe.event('payment_intent.succeeded', intent);
    const res = await stripe.deliver(body);
    expect(res.statusCode).to.equal(200);
    expect(res.json()).to.include({ outcome: 'processed', type: 'payment_intent.succeeded' });
    expect(kit.events).to.have.emitted('PAYMENT_RECORDED')
      .withPayload({ clientId, amount: 10000, currency: 'USD', method: 'card', gatewayTransactionId: intent.id, tenantId: kit.tenantId, actorType: 'SYSTEM' })
      .times(1);
    const [recorded] = kit.events.ofType('PAYMENT_RECORDED');
    expect(recorded.payload).not.to.have.property('receivedByUserId');
    expect(kit.events).to.have.emitted('PAYMENT_APPLIED')
      .withPayload({ paymentId: recorded.payload.paymentId, appliedByUserId: kit.actorUserId, applications: [{ invoiceId: invoice.id, amountApplied: 10000 }], actorType: 'SYSTEM' })
      .times(1);
    expect(kit.events).to.have.emitted('INVOICE_STATUS_CHANGED').withPayload({ invoiceId: invoice.id, previousStatus: 'sent', newStatus: 'paid', actorType: 'SYSTEM' }).times(1);
    // The raw body is kept exactly as signed.
    const row = await kit.db('billing_stripe_events').first();
    expect(row).to.include({ status: 'processed', event_type: 'payment_intent.succeeded' });
    expect((await kit.container.resolve<BlobStore>(BlobStore as any).read(row.raw_body_ref)).toString('utf8')).to.equal(body);
    // Stripe retries the same delivery: acknowledged, nothing emitted again.
    const count = kit.events.all.length;
    const again = await stripe.deliver(body);
    expect(again.statusCode).to.equal(200);
    expect(again.json()).to.include({ outcome: 'duplicate' });
    expect(kit.events.all).to.have.length(count);
  });

  it('a failed PaymentIntent emits PAYMENT_FAILED with the decline', async () => {
    const intent = stripe.intent({ amount: 10000, status: 'requires_payment_method', metadata: meta(), error: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' } });
    const res = await stripe.deliver(stripe.event('payment_intent.payment_failed', intent));
    expect(res.statusCode).to.equal(200);
    expect(kit.events).to.have.emitted('PAYMENT_FAILED')
      .withPayload({ invoiceId: invoice.id, clientId, amount: 10000, currency: 'USD', method: 'card', failureCode: 'insufficient_funds', failureMessage: 'Your card has insufficient funds.', retryable: true, actorType: 'SYSTEM' })
      .times(1);
    expect(kit.events).not.to.have.emitted('PAYMENT_RECORDED');
  });

  const refused: Array<[string, (d: StripeDesk, body: string) => string | null]> = [
    ['a missing signature', () => null],
    ['a signature under another secret', (d, body) => d.sign(body, { secret: 'whsec_someone_else' })],
    ['a tampered signature', (d, body) => d.sign(body).replace(/v1=([0-9a-f])/, (_m, c) => `v1=${c === '0' ? '1' : '0'}`)],
    ['a timestamp older than the tolerance', (d, body) => d.sign(body, { timestamp: Math.floor(Date.now() / 1000) - 301 })],
    ['a timestamp in the future beyond the tolerance', (d, body) => d.sign(body, { timestamp: Math.floor(Date.now() / 1000) + 301 })],
  ];
  for (const [what, signature] of refused) {
    it(`refuses ${what} with 401: nothing stored, nothing emitted`, async () => {
      const before = kit.events.all.length;
      const body = stripe.event('payment_intent.succeeded', stripe.intent({ amount: 10000, metadata: meta() }));
      const res = await stripe.deliver(body, signature(stripe, body));
      expect(res.statusCode).to.equal(401);
      expect(await kit.db('billing_stripe_events')).to.be.empty;
      expect(await kit.db('billing_payments')).to.be.empty;
      expect(kit.events.all).to.have.length(before);
    });
  }

  it('a body changed after signing is refused (the raw bytes are verified, not re-serialized JSON)', async () => {
    const body = stripe.event('payment_intent.succeeded', stripe.intent({ amount: 10000, metadata: meta() }));
    const res = await stripe.deliver(body.replace('"amount":10000', '"amount": 10000'), stripe.sign(body));
    expect(res.statusCode).to.equal(401);
  });

  it('a signed body that is not JSON gets 400; an event type it does not act on gets 200 and nothing else', async () => {
    expect((await stripe.deliver('not json')).statusCode).to.equal(400);
    const res = await stripe.deliver(stripe.event('customer.created', { id: 'cus_1', object: 'customer', metadata: {} }));
    expect(res.statusCode).to.equal(200);
    expect(res.json()).to.include({ outcome: 'ignored' });
    expect(await kit.db('billing_stripe_events')).to.be.empty;
  });

  it('partial then full refunds follow Stripe’s cumulative amount_refunded', async () => {
    const intent = stripe.intent({ amount: 10000, metadata: meta() });
    await stripe.deliver(stripe.event('payment_intent.succeeded', intent));
    await stripe.deliver(stripe.event('charge.refunded', stripe.charge({ paymentIntent: intent.id, amount: 10000, amountRefunded: 3000, metadata: meta(), reason: 'requested_by_customer' })));
    await stripe.deliver(stripe.event('charge.refunded', stripe.charge({ paymentIntent: intent.id, amount: 10000, amountRefunded: 10000 })));
    const refunds = kit.events.ofType('PAYMENT_REFUNDED').map((e) => e.payload.amount);
    expect(refunds).to.deep.equal([3000, 7000]);
    expect(kit.events).to.have.emitted('PAYMENT_REFUNDED').withPayload({ amount: 3000, currency: 'USD', reason: 'requested_by_customer', refundedByUserId: kit.actorUserId, actorType: 'SYSTEM' }).times(1);
    expect(kit.events).to.have.emitted('INVOICE_STATUS_CHANGED').withPayload({ invoiceId: invoice.id, previousStatus: 'paid', newStatus: 'partially_paid' }).times(1);
  });

  it('a refund arriving before its payment is parked, then acted on when the payment arrives', async () => {
    const intent = stripe.intent({ amount: 10000, metadata: meta() });
    const early = await stripe.deliver(stripe.event('charge.refunded', stripe.charge({ paymentIntent: intent.id, amount: 10000, amountRefunded: 10000, metadata: meta() })));
    expect(early.statusCode).to.equal(200);
    expect(early.json()).to.include({ outcome: 'parked' });
    expect(kit.events).not.to.have.emitted('PAYMENT_REFUNDED');
    await stripe.deliver(stripe.event('payment_intent.succeeded', intent));
    expect(kit.events).to.have.emittedInOrder(['PAYMENT_RECORDED', 'PAYMENT_APPLIED', 'PAYMENT_REFUNDED']);
    expect(kit.events).to.have.emitted('PAYMENT_REFUNDED').withPayload({ amount: 10000 }).times(1);
    expect(await kit.db('billing_stripe_events').where({ status: 'parked' })).to.be.empty;
    expect((await kit.db('invoices').where({ invoice_id: invoice.id }).first()).status).to.equal('sent');
  });

  it('a parked refund nobody can be named for stays parked and does not fail its payment', async () => {
    const intent = stripe.intent({ amount: 5000, metadata: { tenantId: kit.tenantId, clientId } }); // no invoice: nothing applied
    await stripe.deliver(stripe.event('charge.refunded', stripe.charge({ paymentIntent: intent.id, amount: 5000, amountRefunded: 5000, metadata: { tenantId: kit.tenantId, clientId } })));
    const res = await stripe.deliver(stripe.event('payment_intent.succeeded', intent));
    expect(res.statusCode).to.equal(200);
    expect(kit.events).to.have.emitted('PAYMENT_RECORDED').times(1);
    expect(kit.events).not.to.have.emitted('PAYMENT_REFUNDED');
    expect(await kit.db('billing_stripe_events').where({ status: 'parked' })).to.have.length(1);
  });

  if (target.name === 'postgres') {
    it('the same delivery twice at once is acted on once', async () => {
      const body = stripe.event('payment_intent.succeeded', stripe.intent({ amount: 10000, metadata: meta() }));
      const results = await Promise.all([stripe.deliver(body), stripe.deliver(body)]);
      expect(results.map((r) => r.statusCode)).to.deep.equal([200, 200]);
      expect(kit.events.ofType('PAYMENT_RECORDED')).to.have.length(1);
      expect(kit.events.ofType('PAYMENT_APPLIED')).to.have.length(1);
    });
  }
});
