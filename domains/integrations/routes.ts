import { DomainError, DomainInputError, DomainNotFoundError, ModuleRoutes, withEmissionContext } from '../../lib/kit';
import { AuthorizationRejectedError, ProviderCallError } from './connections/connection-errors';
import { ConnectionService } from './connections/connection-service';
import { WebhookRefusedError } from './webhooks/webhook-errors';
import { WebhookReceiver } from './webhooks/webhook-receiver';

/** HTTP status of a refused integrations action. */
function statusOf(err: DomainError): number {
  if (err instanceof ProviderCallError) return 502;
  if (err instanceof AuthorizationRejectedError || err instanceof DomainInputError) return 400;
  if (err instanceof DomainNotFoundError) return 404;
  return 409;
}

/**
 * POST /webhooks/integrations/:connectionId — provider deliveries, verified on the raw bytes
 * (this scope parses no bodies). 200 with `duplicate` for a delivery id seen before, so the
 * provider stops retrying; 401/400/404/410/413 with the reason otherwise.
 *
 * GET /integrations/oauth/callback — where the provider sends the user's browser back after
 * authorizing; completes the connection as the user who started it.
 */
export const integrationsRoutes: ModuleRoutes = (server, ctx) => {
  server.removeAllContentTypeParsers();
  server.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  server.post<{ Params: { connectionId: string } }>('/webhooks/integrations/:connectionId', async (req, reply) => {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    try {
      const receipt = await ctx.runtime.resolve(WebhookReceiver).receive(req.params.connectionId, raw, req.headers as Record<string, string | undefined>);
      return reply.code(200).send({ received: true, duplicate: receipt.duplicate, webhookId: receipt.webhookId, eventName: receipt.eventName });
    } catch (err) {
      if (!(err instanceof WebhookRefusedError)) throw err;
      ctx.logger.warn({ connectionId: req.params.connectionId, code: err.code, status: err.status }, 'integration webhook refused');
      return reply.code(err.status).send({ error: err.code, message: err.message });
    }
  });

  server.get<{ Querystring: { state?: string } }>('/integrations/oauth/callback', async (req, reply) => {
    const connections = ctx.runtime.resolve(ConnectionService);
    const who = await connections.locateAuthorization(String(req.query.state ?? ''));
    if (!who) return reply.code(400).send({ error: 'AUTHORIZATION_STATE_INVALID', message: 'Unknown authorization state: start the connection again' });
    const callbackUrl = new URL(req.url, `http://${req.headers.host ?? 'localhost'}`).href;
    try {
      const connection = await withEmissionContext({ tenantId: who.tenantId, actorUserId: who.userId, actorType: 'USER' }, () =>
        connections.completeAuthorization({ state: String(req.query.state), callbackUrl }),
      );
      return reply.code(200).send({ connectionId: connection.id, integrationId: connection.integrationId, status: connection.status });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      ctx.logger.warn({ code: err.code }, 'integration authorization not completed');
      return reply.code(statusOf(err)).send({ error: err.code, message: err.message });
    }
  });
};
