import type { FastifyReply } from 'fastify';
import { DomainError, DomainInputError, DomainNotFoundError, isUuid, ModuleRoutes, withEmissionContext } from '../../lib/kit';
import { Notification } from './inbox/notification';
import { GatewayReceiptService, ReceiptRefusedError } from './delivery/gateway-receipts';
import { NotificationService } from './inbox/notification-service';

/** A notification as the inbox API shows it. */
const view = (n: Notification) => ({
  id: n.id,
  channel: n.channel,
  templateId: n.templateId,
  subject: n.subject,
  body: n.body,
  contextType: n.contextType,
  contextId: n.contextId,
  sentAt: n.sentAt.toISOString(),
  readAt: n.readAt?.toISOString(),
});

function domainErrorReply(reply: FastifyReply, err: unknown): FastifyReply {
  if (!(err instanceof DomainError)) throw err;
  const status = err instanceof DomainInputError ? 400 : err instanceof DomainNotFoundError ? 404 : 409;
  return reply.code(status).send({ error: err.code, message: err.message, field: err.field });
}

/**
 * The in-app inbox, for the staff app behind the API token. The app names its tenant and user in
 * `x-tenant-id` and `x-user-id` (a user sees and reads only their own notifications).
 *
 * - `GET /notifications[?unread=true]`: the user's in-app notifications, newest first (first
 *   fetch of each = NOTIFICATION_DELIVERED).
 * - `POST /notifications/:id/read` `{ client? }`: NOTIFICATION_READ once; again: 200, no event.
 * - `POST /notifications/receipts/:channel/:tenantId`: a gateway's signed delivery receipt
 *   (GatewayReceiptService), verified on the raw body; 401 for a bad signature, 200 `duplicate` for a replay.
 */
export const notificationsRoutes: ModuleRoutes = (server, { runtime, requireApiToken, logger }) => {
  const caller = (headers: Record<string, unknown>) => {
    const tenantId = String(headers['x-tenant-id'] ?? '');
    const userId = String(headers['x-user-id'] ?? '');
    return isUuid(tenantId) && isUuid(userId) ? { tenantId, userId } : undefined;
  };
  const noCaller = (reply: FastifyReply) => reply.code(400).send({ error: 'CALLER_REQUIRED', message: 'x-tenant-id and x-user-id must be UUIDs' });

  server.get<{ Querystring: { unread?: string } }>('/notifications', { preHandler: requireApiToken }, async (request, reply) => {
    const who = caller(request.headers);
    if (!who) return noCaller(reply);
    try {
      const { notifications } = await withEmissionContext({ tenantId: who.tenantId, actorUserId: who.userId }, () =>
        runtime.resolve(NotificationService).inbox(who.userId, { unreadOnly: request.query.unread === 'true' }),
      );
      return { notifications: notifications.map(view) };
    } catch (err) {
      return domainErrorReply(reply, err);
    }
  });

  server.post<{ Params: { id: string }; Body: { client?: string } | undefined }>('/notifications/:id/read', { preHandler: requireApiToken }, async (request, reply) => {
    const who = caller(request.headers);
    if (!who) return noCaller(reply);
    try {
      const result = await withEmissionContext({ tenantId: who.tenantId, actorUserId: who.userId }, () =>
        runtime.resolve(NotificationService).markRead(request.params.id, { recipientId: who.userId, client: request.body?.client }),
      );
      return { notification: view(result.notification), changed: result.changed };
    } catch (err) {
      return domainErrorReply(reply, err);
    }
  });

  // Receipts are verified on their raw bytes: a scope of their own that parses no bodies.
  server.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    scope.post<{ Params: { channel: string; tenantId: string } }>('/notifications/receipts/:channel/:tenantId', async (request, reply) => {
      if (!isUuid(request.params.tenantId)) return reply.code(404).send({ error: 'TENANT_UNKNOWN', message: 'the receipt URL names no tenant' });
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      try {
        const result = await withEmissionContext({ tenantId: request.params.tenantId, actorType: 'SYSTEM' }, () =>
          runtime.resolve(GatewayReceiptService).receive(request.params.channel, raw, request.headers as Record<string, string | undefined>),
        );
        return reply.code(200).send({ received: true, ...result });
      } catch (err) {
        if (!(err instanceof ReceiptRefusedError)) throw err;
        logger.warn({ channel: request.params.channel, code: err.code }, 'notification receipt refused');
        return reply.code(err.status).send({ error: err.code, message: err.message });
      }
    });
  });
};
