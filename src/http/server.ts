import fastify, { FastifyInstance } from 'fastify';
import { App } from '../app';
import { installWriteAuth } from './auth';
import { catalogRoutes } from './catalog-routes';
import { installErrorHandling } from './errors';
import { healthRoutes } from './health-routes';
import { installJsonBodyParser } from './json-body';
import { toolingRoutes } from './tooling-routes';

/** Route groups, one file each; features add theirs here. */
const routeGroups: Array<(server: FastifyInstance, app: App) => void> = [catalogRoutes, healthRoutes, toolingRoutes];

/** The HTTP API: one error shape for every refusal, bodies screened, writing routes behind WFE_API_TOKEN. */
export function createServer(app: App): FastifyInstance {
  const server = fastify({ logger: false });
  installErrorHandling(server, app.logger);
  installJsonBodyParser(server);
  installWriteAuth(server, app.config.apiToken);
  for (const register of routeGroups) register(server, app);
  return server;
}
