import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { Problem } from '@trama/contracts';

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/**
 * A business-rule failure with a stable code ("vouchers.budget_exceeded"). Use cases throw these;
 * the HTTP layer turns them into RFC 9457 problem+json. No HTTP concepts leak into use cases except
 * the status hint, which stays a plain number.
 */
export class DomainError extends Error {
  constructor(
    public readonly code: string,
    public readonly status: number,
    message: string,
    public readonly fieldErrors?: FieldError[],
    /** Record the refusal in the audit log (e.g. a 404 that hides another organisation's record). */
    public readonly audited = false,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (entity: string, detail = `${entity} not found`) =>
  new DomainError(`${entity}.not_found`, 404, detail);
/** Not found for this actor: the record may exist but belongs to someone they cannot see. Audited. */
export const notVisible = (entity: string) =>
  new DomainError(`${entity}.not_found`, 404, `${entity} not found`, undefined, true);
export const forbidden = (detail = 'You are not allowed to do this') =>
  new DomainError('auth.forbidden', 403, detail);
export const unauthenticated = (detail = 'Sign in to continue') =>
  new DomainError('auth.unauthenticated', 401, detail);
export const conflict = (code: string, detail: string) => new DomainError(code, 409, detail);
export const invalid = (code: string, detail: string, fieldErrors?: FieldError[]) =>
  new DomainError(code, 422, detail, fieldErrors);

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  423: 'Locked',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: { errors?: FieldError[]; instance?: string; requestId?: string } = {},
): Problem {
  return {
    type: `https://trama.dev/problems/${code.replace(/\./g, '/')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
    ...(extra.instance ? { instance: extra.instance } : {}),
    ...(extra.requestId ? { requestId: extra.requestId } : {}),
    ...(extra.errors && extra.errors.length ? { errors: extra.errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, p: Problem) {
  return reply.code(p.status).type('application/problem+json').send(p);
}

/** PostgreSQL constraint violations that escaped a repository become 409/422, never 500. */
function fromDatabaseError(err: {
  code?: string;
  constraint?: string;
  detail?: string;
}): [number, string, string] | null {
  switch (err.code) {
    case '23505':
      return [
        409,
        'conflict.duplicate',
        `A record with the same unique value already exists${err.constraint ? ` (${err.constraint})` : ''}`,
      ];
    case '23503':
      return [422, 'validation.reference_not_found', 'A referenced record does not exist'];
    case '23514':
      return [
        422,
        'validation.check_failed',
        `A value breaks a rule${err.constraint ? ` (${err.constraint})` : ''}`,
      ];
    case '22P02':
    case '22007':
    case '22008':
    case '22003':
    case '22001':
    case '22021':
    case '22P05':
    case '22023':
    case '2201B':
      return [400, 'validation.invalid_value', 'A value has the wrong format or is out of range'];
    case '40001':
    case '40P01':
      return [409, 'conflict.retry', 'The record changed concurrently; please retry'];
    default:
      return null;
  }
}

function dbErrorOf(err: unknown): { code?: string; constraint?: string } | null {
  let e: unknown = err;
  for (let i = 0; i < 4 && e; i++) {
    const candidate = e as { code?: unknown; cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate as never;
    e = candidate.cause;
  }
  return null;
}

/**
 * Errors Fastify raises before routing (a badly encoded URL, an over-long path parameter); passed as
 * Fastify's `frameworkErrors` option so they are problem+json like every other error.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const requestId = req.id;
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return sendProblem(
      reply,
      problem(414, 'request.uri_too_long', 'A path parameter is too long', { requestId }),
    );
  if (err.code === 'FST_ERR_BAD_URL')
    return sendProblem(
      reply,
      problem(400, 'request.bad_url', 'The URL is not correctly encoded', { requestId }),
    );
  req.log.error({ err }, 'framework error');
  return sendProblem(reply, problem(500, 'internal.error', 'Unexpected error', { requestId }));
}

export interface ErrorHandlingOptions {
  /** Called for refused access (401 with a session, 403), to leave a trace in the audit log. */
  onDenied?: (req: FastifyRequest, err: DomainError) => Promise<void>;
  /** Answers a request no route matched before the 404 problem (the web app's shell); true when it did. */
  onNotFound?: (req: FastifyRequest, reply: FastifyReply) => boolean;
}

export function registerErrorHandling(app: FastifyInstance, opts: ErrorHandlingOptions = {}) {
  app.setNotFoundHandler((req, reply) => {
    if (opts.onNotFound?.(req, reply)) return;
    sendProblem(
      reply,
      problem(404, 'route.not_found', `No route for ${req.method} ${req.url.split('?')[0]}`, {
        requestId: req.id,
      }),
    );
  });

  app.setErrorHandler(
    async (err: FastifyError | DomainError | Error, req: FastifyRequest, reply: FastifyReply) => {
      const requestId = req.id;
      if (err instanceof DomainError) {
        if ((err.status === 403 || err.audited) && opts.onDenied) {
          await opts
            .onDenied(req, err)
            .catch((e: unknown) => req.log.error({ err: e }, 'audit of denied access failed'));
        }
        return sendProblem(
          reply,
          problem(err.status, err.code, err.message, { errors: err.fieldErrors, requestId }),
        );
      }
      if (hasZodFastifySchemaValidationErrors(err)) {
        const where = (err as FastifyError).validationContext ?? 'body';
        const errors = err.validation.map((v) => {
          const pathParts = (v.instancePath || '').split('/').filter(Boolean);
          const params = v.params as { issue?: { message?: string; code?: string } } | undefined;
          const msg = params?.issue?.message ?? v.message ?? 'invalid';
          // Custom refinements use their message as a stable code (e.g. fiscal_code_invalid).
          const code = /^[a-z_]+$/.test(msg) ? msg : (params?.issue?.code ?? v.keyword ?? 'invalid');
          return { field: [where, ...pathParts].join('.'), code, message: msg };
        });
        return sendProblem(
          reply,
          problem(422, 'validation.failed', 'Some fields are not valid', { errors, requestId }),
        );
      }
      if (isResponseSerializationError(err)) {
        req.log.error({ err, issues: err.cause.issues }, 'response does not match its contract');
        return sendProblem(reply, problem(500, 'internal.error', 'Unexpected error', { requestId }));
      }
      const fe = err as FastifyError;
      if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        return sendProblem(
          reply,
          problem(413, 'request.body_too_large', 'The request body is too large', { requestId }),
        );
      if (fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
        return sendProblem(
          reply,
          problem(415, 'request.unsupported_media_type', 'Send application/json', { requestId }),
        );
      if (
        fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
        fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
        (fe.statusCode === 400 && err instanceof SyntaxError)
      )
        return sendProblem(
          reply,
          problem(400, 'request.malformed_json', 'The body is not valid JSON', { requestId }),
        );
      if (fe.statusCode === 429)
        return sendProblem(
          reply,
          problem(429, 'request.rate_limited', fe.message || 'Too many requests; slow down', { requestId }),
        );
      const db = dbErrorOf(err);
      if (db) {
        const mapped = fromDatabaseError(db);
        if (mapped) return sendProblem(reply, problem(mapped[0], mapped[1], mapped[2], { requestId }));
      }
      if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
        return sendProblem(
          reply,
          problem(fe.statusCode, 'request.invalid', fe.message || 'Invalid request', { requestId }),
        );
      }
      req.log.error({ err }, 'unhandled error');
      return sendProblem(
        reply,
        problem(500, 'internal.error', 'Unexpected error; the team has been notified', { requestId }),
      );
    },
  );
}
