import fastify, { FastifyInstance } from 'fastify';
import { App } from '../app';
import { apiTokenGuard } from './api-token';
import { catalogRoutes } from './catalog-routes';
import { healthRoutes } from './health-routes';
import { toolingRoutes } from './tooling-routes';

/** Route groups, one file each; features add theirs here. */
const routeGroups: Array<(server: FastifyInstance, app: App) => void> = [catalogRoutes, healthRoutes, toolingRoutes];

export function createServer(app: App): FastifyInstance {
  const server = fastify({ logger: false });
  for (const register of routeGroups) register(server, app);
  // Each module's routes (webhooks, uploads, signed links) in a plugin scope of their own.
  const ctx = { runtime: app.runtime, logger: app.logger, requireApiToken: apiTokenGuard(app.config.apiToken) };
  for (const m of app.runtime.modules) {
    if (m.routes) server.register(async (scope) => m.routes!(scope, ctx));
  }
  return server;
}
