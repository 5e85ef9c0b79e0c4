import { ModuleRoutes } from '../../lib/kit';
import { UnsubscribeService, UnsubscribeTokenError } from './unsubscribe/unsubscribe-service';
import { GmailPushReceiver } from './webhooks/gmail-push';
import { GraphNotificationReceiver } from './webhooks/graph-notifications';
import { SendingServiceReceiver } from './webhooks/sending-service-receiver';
import { EmailWebhookRefusedError } from './webhooks/webhook-refusal';

const json = (raw: Buffer): unknown => {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The email module's HTTP input (bodies are read raw: signatures are checked on the bytes):
 * - POST /webhooks/email/microsoft[/lifecycle] — Graph change / lifecycle notifications; `?validationToken=` is echoed as text/plain (the subscription handshake); 202 when processed.
 * - POST /webhooks/email/google — Gmail push through Pub/Sub with its OIDC bearer token; 204.
 * - POST /webhooks/email/:service/:tenantId — SendGrid / Resend delivery webhooks; 200 with counts.
 * - GET and POST /email/unsubscribe?token= — RFC 8058: GET shows a confirmation form and changes nothing (link scanners follow GETs); the one-click POST unsubscribes.
 * Refusals: 401 bad signature or token, 400 malformed, 404 unknown target, 410 disconnected mailbox; nothing stored.
 */
export const emailRoutes: ModuleRoutes = (server, ctx) => {
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  const raw = (body: unknown) => (Buffer.isBuffer(body) ? body : Buffer.alloc(0));
  const refusal = (err: unknown) => {
    if (err instanceof EmailWebhookRefusedError) return { status: err.status, body: { error: err.code, message: err.message } };
    if (err instanceof UnsubscribeTokenError) return { status: 401, body: { error: err.code, message: err.message } };
    throw err;
  };

  for (const path of ['/webhooks/email/microsoft', '/webhooks/email/microsoft/lifecycle']) {
    server.post<{ Querystring: { validationToken?: string } }>(path, async (req, reply) => {
      if (typeof req.query.validationToken === 'string') return reply.code(200).type('text/plain').send(req.query.validationToken);
      try {
        const result = await ctx.runtime.resolve(GraphNotificationReceiver).receive(json(raw(req.body)));
        return reply.code(202).send(result);
      } catch (err) {
        const r = refusal(err);
        ctx.logger.warn({ code: r.body.error }, 'graph notification refused');
        return reply.code(r.status).send(r.body);
      }
    });
  }

  server.post('/webhooks/email/google', async (req, reply) => {
    try {
      await ctx.runtime.resolve(GmailPushReceiver).receive(req.headers.authorization, json(raw(req.body)));
      return reply.code(204).send();
    } catch (err) {
      const r = refusal(err);
      ctx.logger.warn({ code: r.body.error }, 'gmail push refused');
      return reply.code(r.status).send(r.body);
    }
  });

  server.post<{ Params: { service: string; tenantId: string } }>('/webhooks/email/:service/:tenantId', async (req, reply) => {
    try {
      const receipt = await ctx.runtime.resolve(SendingServiceReceiver).receive(req.params.service, req.params.tenantId, raw(req.body), req.headers as Record<string, string | undefined>);
      return reply.code(200).send(receipt);
    } catch (err) {
      const r = refusal(err);
      ctx.logger.warn({ service: req.params.service, code: r.body.error }, 'sending-service webhook refused');
      return reply.code(r.status).send(r.body);
    }
  });

  server.get<{ Querystring: { token?: string } }>('/email/unsubscribe', async (req, reply) => {
    const action = escapeHtml(req.url);
    return reply
      .code(200)
      .type('text/html; charset=utf-8')
      .send(`<!doctype html><title>Unsubscribe</title><form method="post" action="${action}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><p>Stop notification emails to this address?</p><button>Unsubscribe</button></form>`);
  });

  server.post<{ Querystring: { token?: string } }>('/email/unsubscribe', async (req, reply) => {
    try {
      const result = await ctx.runtime.resolve(UnsubscribeService).oneClick(String(req.query.token ?? ''));
      return reply.code(200).send({ unsubscribed: true, email: result.recipientEmail, alreadyUnsubscribed: !result.isNew });
    } catch (err) {
      const r = refusal(err);
      return reply.code(r.status).send(r.body);
    }
  });
};
