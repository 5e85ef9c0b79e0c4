import type { FastifyInstance, preHandlerHookHandler } from 'fastify';
import type { EventRuntime } from '../runtime/event-runtime';

export interface ModuleLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** What a module's routes get from the server that mounts them. */
export interface ModuleHttpContext {
  runtime: EventRuntime;
  logger: ModuleLogger;
  /**
   * preHandler for routes that write on a caller's say-so (uploads, marking read): requires the
   * API token when one is configured. Provider webhooks and signed links authenticate themselves.
   */
  requireApiToken: preHandlerHookHandler;
}

/** Registers a module's routes (webhooks, uploads, signed links) on the `wfe serve` server. */
export type ModuleRoutes = (server: FastifyInstance, ctx: ModuleHttpContext) => void | Promise<void>;
