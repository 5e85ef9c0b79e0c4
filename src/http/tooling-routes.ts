import { FastifyInstance } from 'fastify';
import { App } from '../app';

/** `/schemas/:ref`, `/asyncapi.json`, `POST /simulate/:eventType`, `/metrics`. */
export function toolingRoutes(_server: FastifyInstance, _app: App): void {}
