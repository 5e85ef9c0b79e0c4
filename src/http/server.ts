import fastify, { FastifyInstance } from 'fastify';
import { App } from '../app';
import { apiTokenGuard, installWriteAuth } from './api-token';
import { catalogRoutes } from './catalog-routes';
import { clientErrorHandler, frameworkErrorHandler, installErrorHandling } from './errors';
import { healthRoutes } from './health-routes';
import { installJsonBodyParser } from './json-body';
import { toolingRoutes } from './tooling-routes';

/** Route groups, one file each; features add theirs here. */
const routeGroups: Array<(server: FastifyInstance, app: App) => void> = [catalogRoutes, healthRoutes, toolingRoutes];

/** The HTTP API: one error shape for every refusal, bodies screened, writing routes behind WFE_API_TOKEN. */
export function createServer(app: App): FastifyInstance {
  const server = fastify({ logger: false, frameworkErrors: frameworkErrorHandler(app.logger), clientErrorHandler });
  installErrorHandling(server, app.logger);
  installJsonBodyParser(server);
  // The core routes in a scope of their own: every one that writes needs the token. Modules guard
  // their routes themselves (requireApiToken), since provider webhooks authenticate by signature.
  server.register(async (core) => {
    installWriteAuth(core, app.config.apiToken);
    for (const register of routeGroups) register(core, app);
  });
  // Each module's routes (webhooks, uploads, signed links) in a plugin scope of their own.
  const ctx = { runtime: app.runtime, logger: app.logger, requireApiToken: apiTokenGuard(app.config.apiToken) };
  for (const m of app.runtime.modules) {
    if (m.routes) server.register(async (scope) => m.routes!(scope, ctx));
  }
  return server;
}
