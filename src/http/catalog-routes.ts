import { FastifyInstance } from 'fastify';
import { readSystemCatalog } from '../../lib/catalog/catalog-store';
import { TenantCatalogStore, TenantEventError } from '../../lib/catalog/tenant-catalog';
import { App } from '../app';

export function catalogRoutes(server: FastifyInstance, app: App): void {
  server.get<{ Querystring: { tenant?: string } }>('/catalog', async (req, reply) => {
    const rows = await readSystemCatalog(app.runtime.db);
    if (!req.query.tenant) return { events: rows };
    // With ?tenant=, that tenant's own events follow the system ones.
    try {
      const own = await new TenantCatalogStore(app.runtime.db).list(req.query.tenant);
      return { events: [...rows.map((r) => ({ ...r, is_system_event: true })), ...own] };
    } catch (err) {
      if (err instanceof TenantEventError) return reply.code(400).send({ error: err.code, message: err.message });
      throw err;
    }
  });

  server.get<{ Params: { eventType: string } }>('/catalog/:eventType', async (req, reply) => {
    const type = req.params.eventType.toUpperCase();
    const row = (await readSystemCatalog(app.runtime.db)).find((r) => r.event_type === type);
    if (!row) return reply.code(404).send({ error: 'UNKNOWN_EVENT_TYPE', message: `No catalog event ${type}` });
    return row;
  });
}
