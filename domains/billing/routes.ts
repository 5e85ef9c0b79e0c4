import { ModuleRoutes } from '../../lib/kit';
import { StripeWebhookRefusedError } from './stripe/stripe-errors';
import { StripeWebhookReceiver } from './stripe/stripe-webhook-receiver';

/**
 * POST /webhooks/stripe — Stripe event deliveries, verified on the raw bytes with the endpoint
 * secret (this scope parses no bodies). 200 `{ received, outcome }` for everything verified,
 * including types not acted on and replays (so Stripe stops retrying); 401 for a bad or missing
 * signature or a timestamp outside the tolerance, 413/400 otherwise — nothing stored then.
 */
export const billingRoutes: ModuleRoutes = (server, ctx) => {
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  server.post('/webhooks/stripe', async (req, reply) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const header = req.headers['stripe-signature'];
    try {
      const receipt = await ctx.runtime.resolve(StripeWebhookReceiver).receive(raw, Array.isArray(header) ? header[0] : header);
      if (receipt.outcome === 'unlinked') ctx.logger.warn({ eventId: receipt.eventId, type: receipt.type }, 'stripe event without tenant/client metadata ignored');
      return reply.code(200).send({ received: true, ...receipt });
    } catch (err) {
      if (!(err instanceof StripeWebhookRefusedError)) throw err;
      ctx.logger.warn({ code: err.code, status: err.status }, 'stripe webhook refused');
      return reply.code(err.status).send({ error: err.code, message: err.message });
    }
  });
};
