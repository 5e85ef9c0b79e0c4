import { FastifyInstance } from 'fastify';
import { findForbiddenKeys } from '../../lib/schema/forbidden-keys';
import { HttpError } from './errors';

/**
 * Replaces fastify's JSON parser: a body that parses but holds what no payload may (prototype
 * keys, NUL characters, lone surrogates, nesting past the limit) is refused here with the field
 * named, before any recursive code or the database sees it. An empty body stays "no body".
 */
export function installJsonBodyParser(server: FastifyInstance): void {
  server.removeContentTypeParser('application/json');
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      return done(new HttpError(400, 'BAD_JSON', `body is not valid JSON: ${(err as Error).message}`));
    }
    const issues = findForbiddenKeys(value);
    if (issues.length) {
      return done(new HttpError(400, 'BAD_REQUEST_BODY', `body refused: ${issues.map((i) => `${i.field || '(body)'} [${i.constraint}] ${i.message}`).join('; ')}`, { issues }));
    }
    done(null, value);
  });
}
