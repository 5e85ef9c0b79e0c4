import { timingSafeEqual } from 'node:crypto';
import { preHandlerHookHandler } from 'fastify';

/**
 * preHandler for routes that write on a caller's say-so: with a token configured (WFE_API_TOKEN),
 * `Authorization: Bearer <token>` is required (401 otherwise, compared in constant time); without
 * one, the server listens on loopback only and local callers may write.
 */
export function apiTokenGuard(token: string | undefined): preHandlerHookHandler {
  return (req, reply, done) => {
    if (!token) return done();
    const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    if (a.length === b.length && timingSafeEqual(a, b)) return done();
    reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'UNAUTHORIZED', message: 'this route needs Authorization: Bearer <WFE_API_TOKEN>' });
  };
}
