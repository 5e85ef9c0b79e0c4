import { randomUUID } from 'node:crypto';
import { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { Logger } from 'pino';
import { FieldIssue } from '../../lib/schema/errors';

/**
 * The one body of every 4xx/5xx answer: a stable `error` code, a human `message`, and where they
 * apply the field `issues`, an `errorId` (5xx: the id under which the cause was logged) and
 * route-specific details. Never SQL text or driver codes: those go to the log only.
 */
export interface ErrorBody {
  error: string;
  message: string;
  issues?: FieldIssue[];
  errorId?: string;
  [detail: string]: unknown;
}

/** A refusal a route or parser decided on; the error handler turns it into an ErrorBody. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details: Omit<ErrorBody, 'error' | 'message'> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function sendError(reply: FastifyReply, statusCode: number, body: ErrorBody): FastifyReply {
  return reply.code(statusCode).type('application/json; charset=utf-8').send(body);
}

/** Logs the cause under a fresh id and answers with the id only. */
export function sendInternalError(reply: FastifyReply, logger: Logger, err: unknown, statusCode = 500, code = 'INTERNAL_ERROR', extra: Record<string, unknown> = {}): FastifyReply {
  const errorId = randomUUID();
  logger.error({ errorId, err, method: reply.request.method, url: reply.request.url }, 'http: request failed');
  const message = statusCode === 503 ? 'a service this server depends on is unavailable' : 'internal error';
  return sendError(reply, statusCode, { error: code, message: `${message}; see the server log for error id ${errorId}`, errorId, ...extra });
}

/** Fastify's own refusals (unknown route, bad content type, body too large, …) in the same shape. */
export function installErrorHandling(server: FastifyInstance, logger: Logger): void {
  server.setNotFoundHandler((req, reply) => sendError(reply, 404, { error: 'NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}` }));
  server.setErrorHandler((err: FastifyError | HttpError, _req, reply) => {
    if (err instanceof HttpError) return sendError(reply, err.statusCode, { error: err.code, message: err.message, ...err.details });
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      // Fastify's messages name the limit or type at fault and hold no server internals.
      return sendError(reply, status, { error: err.code ?? 'BAD_REQUEST', message: err.message });
    }
    return sendInternalError(reply, logger, err);
  });
}
