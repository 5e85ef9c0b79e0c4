import { FastifyInstance } from 'fastify';
import { isUuid } from '../../decorators';
import fs from 'node:fs';
import path from 'node:path';
import { toAsyncApi } from '../../lib/catalog/export-asyncapi';
import { EventPayloadInvalidError, UnknownEventTypeError } from '../../lib/schema/errors';
import { Simulator } from '../../lib/simulation/simulator';
import { App } from '../app';


/** `/schemas/:ref`, `/asyncapi.json`, `POST /simulate/:eventType`, `/metrics`. */
export function toolingRoutes(server: FastifyInstance, app: App): void {
  const registry = app.runtime.registry;

  server.get<{ Params: { ref: string } }>('/schemas/:ref', async (req, reply) => {
    const schema = registry.jsonSchema(req.params.ref);
    if (!schema) return reply.code(404).send({ error: 'UNKNOWN_SCHEMA_REF', message: `No payload schema ${req.params.ref}` });
    return reply.type('application/schema+json').send(schema);
  });

  // dist/src/http → the package root's package.json.
  const version: string = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')).version;
  server.get('/asyncapi.json', async () => toAsyncApi(registry, { stream: app.config.stream, version }));

  // The body is the payload (optional: empty → a generated sample); ?tenant= and ?version= as in the CLI.
  server.post<{ Params: { eventType: string }; Querystring: { tenant?: string; version?: string }; Body: unknown }>(
    '/simulate/:eventType',
    async (req, reply) => {
      const { tenant, version } = req.query;
      if (tenant !== undefined && (typeof tenant !== 'string' || !isUuid(tenant))) return reply.code(400).send({ error: 'BAD_TENANT', message: 'query parameter tenant must be a UUID' });
      if (version !== undefined && !/^[1-9]\d{0,5}$/.test(String(version))) return reply.code(400).send({ error: 'BAD_VERSION', message: 'query parameter version must be a positive integer' });
      const body = req.body;
      // No body: a generated sample. Anything else must be a payload object (`null` included: refused).
      if (body !== undefined && (body === null || typeof body !== 'object' || Array.isArray(body))) {
        return reply.code(400).send({
          error: 'EVENT_PAYLOAD_INVALID',
          message: `the body must be a JSON object (the payload), not ${body === null ? 'null' : Array.isArray(body) ? 'an array' : typeof body}; send no body for a generated sample`,
          issues: [{ field: '', constraint: 'isObject', message: 'payload must be a JSON object' }],
        });
      }
      try {
        const { envelope, generated } = await new Simulator(app.runtime).simulate(req.params.eventType.toUpperCase(), {
          payload: body as Record<string, unknown> | undefined,
          tenantId: tenant,
          version: version ? Number(version) : undefined,
        });
        return reply.code(202).send({ generated, event: envelope });
      } catch (err) {
        if (err instanceof EventPayloadInvalidError) {
          return reply.code(400).send({ error: err.code, message: err.message, eventType: err.eventType, schemaRef: err.schemaRef, issues: err.issues });
        }
        if (err instanceof UnknownEventTypeError) return reply.code(404).send({ error: err.code, message: err.message });
        throw err;
      }
    },
  );

  server.get('/metrics', async (_req, reply) => {
    const { contentType, body } = await app.metrics.render();
    return reply.type(contentType).send(body);
  });
}
