import { FastifyInstance } from 'fastify';
import { readSystemCatalog } from '../../lib/catalog/catalog-store';
import { App } from '../app';

export function catalogRoutes(server: FastifyInstance, app: App): void {
  server.get('/catalog', async () => {
    const rows = await readSystemCatalog(app.runtime.db);
    return { events: rows };
  });

  server.get<{ Params: { eventType: string } }>('/catalog/:eventType', async (req, reply) => {
    const type = req.params.eventType.toUpperCase();
    const row = (await readSystemCatalog(app.runtime.db)).find((r) => r.event_type === type);
    if (!row) return reply.code(404).send({ error: 'UNKNOWN_EVENT_TYPE', message: `No catalog event ${type}` });
    return row;
  });
}
