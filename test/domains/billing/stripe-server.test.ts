import { expect } from 'chai';
import Stripe from 'stripe';
import { StripeWebhookSettings } from '../../../domains/billing';
import { createServer } from '../../../src/http/server';
import { createTestApp } from '../../tooling/support/app';
import { forEachDatabase } from '../../support/databases';

forEachDatabase('billing: the Stripe endpoint inside the wfe server', (target) => {
  it('createServer mounts POST /webhooks/stripe, verifying the raw bytes with the endpoint secret', async function () {
    this.timeout(20_000);
    const { app, dispose } = await createTestApp(target);
    try {
      const secret = 'whsec_server_test';
      app.runtime.container.registerInstance(StripeWebhookSettings, new StripeWebhookSettings({ endpointSecret: secret }));
      const server = createServer(app);
      // Whitespace JSON parsing would lose: the signature is over the exact bytes.
      const payload = '{ "id": "evt_1", "object" : "event",\n "type": "customer.created", "data": { "object": { "id": "cus_1" } } }';
      const post = (signature: string) => server.inject({ method: 'POST', url: '/webhooks/stripe', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, payload });
      const ok = await post(Stripe.webhooks.generateTestHeaderString({ payload, secret }));
      expect(ok.statusCode, ok.body).to.equal(200);
      expect(ok.json()).to.include({ outcome: 'ignored', type: 'customer.created' });
      const bad = await post(Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other' }));
      expect(bad.statusCode).to.equal(401);
      expect(bad.json()).to.include({ error: 'STRIPE_SIGNATURE_INVALID' });
      await server.close();
    } finally {
      await dispose();
    }
  });
});
