import { FastifyInstance } from 'fastify';
import { App } from '../app';
import { sendInternalError } from './errors';

export function healthRoutes(server: FastifyInstance, app: App): void {
  server.get('/healthz', async (_req, reply) => {
    try {
      await app.runtime.db.raw('select 1');
      const oldest = await app.runtime.outbox.oldestPendingAt();
      return {
        status: 'ok',
        bus: app.bus.kind,
        outboxPending: await app.runtime.outbox.pendingCount(),
        relayLagSeconds: oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0,
      };
    } catch (err) {
      // The cause (SQL, driver code) goes to the log under the error id, never into the answer.
      return sendInternalError(reply, app.logger, err, 503, 'DATABASE_UNAVAILABLE', { status: 'unavailable' });
    }
  });
}
