import fastify, { FastifyInstance } from 'fastify';
import { App } from '../app';
import { catalogRoutes } from './catalog-routes';
import { healthRoutes } from './health-routes';
import { toolingRoutes } from './tooling-routes';

/** Route groups, one file each; features add theirs here. */
const routeGroups: Array<(server: FastifyInstance, app: App) => void> = [catalogRoutes, healthRoutes, toolingRoutes];

export function createServer(app: App): FastifyInstance {
  const server = fastify({ logger: false });
  for (const register of routeGroups) register(server, app);
  return server;
}
