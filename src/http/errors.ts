import { randomUUID } from 'node:crypto';
import { Socket } from 'node:net';
import { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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

/**
 * Fastify's routing refusals, decided before any route or error handler runs (fastify's
 * `frameworkErrors` option): a malformed percent-encoding in the URL (400 BAD_URL), a path
 * parameter past `maxParamLength` (414 PARAMETER_TOO_LONG; the message does not echo the path),
 * an async constraint failure (500, logged under an error id).
 */
export function frameworkErrorHandler(logger: Logger) {
  return (err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void => {
    if (err.code === 'FST_ERR_BAD_URL') void sendError(reply, 400, { error: 'BAD_URL', message: 'the URL has a malformed percent-encoding' });
    else if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') void sendError(reply, 414, { error: 'PARAMETER_TOO_LONG', message: 'a path parameter is longer than the server accepts' });
    else void sendInternalError(reply, logger, err);
  };
}

/**
 * Refusals of Node's HTTP parser, before a request exists (fastify's `clientErrorHandler`):
 * headers past the size limit (431 HEADERS_TOO_LARGE), a request timeout (408 REQUEST_TIMEOUT),
 * anything unparsable (400 BAD_HTTP_REQUEST), in the one error body; then the socket is closed.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, body]: [number, string, ErrorBody] =
    err.code === 'HPE_HEADER_OVERFLOW' ? [431, 'Request Header Fields Too Large', { error: 'HEADERS_TOO_LARGE', message: 'the request headers exceed the server limit' }]
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? [408, 'Request Timeout', { error: 'REQUEST_TIMEOUT', message: 'the request did not arrive in time' }]
        : [400, 'Bad Request', { error: 'BAD_HTTP_REQUEST', message: 'the request is not valid HTTP' }];
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${text}`);
  }
  socket.destroy();
}
