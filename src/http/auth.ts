import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { FastifyInstance } from 'fastify';
import { sendError } from './errors';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes that authenticate callers themselves (provider webhooks check signatures) set `config: { auth: 'self' }`. */
export interface RouteAuthConfig {
  auth?: 'self';
}

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * Writing routes (every method but GET/HEAD/OPTIONS) need `Authorization: Bearer <WFE_API_TOKEN>`
 * when a token is configured: 401 otherwise, compared in constant time. Without a token the
 * server only ever listens on loopback (`wfe serve` refuses anything else), so writing routes
 * are open to local callers only. Read routes stay open.
 */
export function installWriteAuth(server: FastifyInstance, token: string | undefined): void {
  if (!token) return;
  const expected = digest(token);
  server.addHook('onRequest', async (req, reply) => {
    if (READ_METHODS.has(req.method)) return;
    if ((req.routeOptions.config as RouteAuthConfig | undefined)?.auth === 'self') return;
    const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (match && timingSafeEqual(digest(match[1].trim()), expected)) return;
    reply.header('www-authenticate', 'Bearer realm="wfe"');
    return sendError(reply, 401, {
      error: 'UNAUTHORIZED',
      message: match ? 'the bearer token is not valid' : 'this route writes: send Authorization: Bearer <WFE_API_TOKEN>',
    });
  });
}
