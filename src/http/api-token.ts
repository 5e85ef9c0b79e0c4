import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { sendError } from './errors';

/**
 * Who may write. With WFE_API_TOKEN set, routes that write need `Authorization: Bearer <token>`
 * (401 otherwise, compared in constant time). Without one, `wfe serve` listens on loopback only
 * (it refuses any other HOST), so writing routes are open to local callers only. Read routes stay open.
 */

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const digest = (s: string) => createHash('sha256').update(s).digest();

export function isLoopbackHost(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '[::1]';
}

/** True when the request may go on; otherwise the 401 has been sent. */
function authorised(token: string | undefined, req: FastifyRequest, reply: FastifyReply): boolean {
  if (!token) return true;
  const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
  // Digests of equal length, so timingSafeEqual never leaks the token's length either.
  if (given !== undefined && timingSafeEqual(digest(given), digest(token))) return true;
  reply.header('www-authenticate', 'Bearer realm="wfe"');
  sendError(reply, 401, {
    error: 'UNAUTHORIZED',
    message: given === undefined ? 'this route writes: send Authorization: Bearer <WFE_API_TOKEN>' : 'the bearer token is not valid',
  });
  return false;
}

/** preHandler for a module's route that writes on a caller's say-so (webhooks check signatures instead). */
export function apiTokenGuard(token: string | undefined): preHandlerHookHandler {
  return (req, reply, done) => {
    if (authorised(token, req, reply)) done();
  };
}

/** Every route of `scope` but GET/HEAD/OPTIONS needs the token (the core routes: POST /simulate, …). */
export function installWriteAuth(scope: FastifyInstance, token: string | undefined): void {
  if (!token) return;
  scope.addHook('onRequest', async (req, reply) => {
    if (READ_METHODS.has(req.method) || authorised(token, req, reply)) return;
    return reply;
  });
}
