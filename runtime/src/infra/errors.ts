import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { LzError } from '@liuzhuan/engine';

const STATUS: Record<LzError['kind'], number> = { invalid: 400, 'not-found': 404, conflict: 409, forbidden: 403, failed: 500 };

/** Camunda's exception names, as its REST API puts them in `type` */
const CAMUNDA_TYPE: Record<LzError['kind'], string> = {
  invalid: 'InvalidRequestException',
  'not-found': 'InvalidRequestException',
  conflict: 'OptimisticLockingException',
  forbidden: 'AuthorizationException',
  failed: 'ProcessEngineException',
};

/** an HTTP error raised by a route: 401, 403, 404 … with Camunda's error body */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export const unauthorized = (m = 'authentication required') => new HttpError(401, 'AuthenticationException', m);
export const forbidden = (m = 'not allowed') => new HttpError(403, 'AuthorizationException', m);
export const notFound = (m: string) => new HttpError(404, 'InvalidRequestException', m);
export const badRequest = (m: string) => new HttpError(400, 'InvalidRequestException', m);

/**
 * Errors leave as Camunda's body `{ type, message }` (plus our `code`): LzError by its kind
 * (400 / 404 / 409 / 403 / 500), schema violations as 400, a body too large as 413. Nothing
 * internal leaks: unexpected errors are logged and answered with a plain 500.
 */
export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((err: FastifyError | LzError | HttpError | Error, req, reply) => {
      if (err instanceof LzError) {
        const status = STATUS[err.kind];
        if (status >= 500) req.log.error({ err }, 'engine failure');
        // field-level problems (form and record validation) travel as `errors: [{ path, message }]`
        const errors = Array.isArray(err.details.errors) ? { errors: err.details.errors as unknown[] } : {};
        return reply.status(status).send({ type: CAMUNDA_TYPE[err.kind], code: err.code, message: err.message, ...errors });
      }
      if (err instanceof HttpError) return reply.status(err.statusCode).send({ type: err.type, message: err.message });
      const fe = err as FastifyError;
      if (fe.validation) return reply.status(400).send({ type: 'InvalidRequestException', code: 'LZ_ERR_BAD_REQUEST', message: fe.message });
      const status = fe.statusCode ?? 500;
      if (status >= 400 && status < 500) return reply.status(status).send({ type: status === 413 ? 'RequestTooLarge' : 'InvalidRequestException', message: fe.message });
      req.log.error({ err }, 'unexpected failure');
      return reply.status(500).send({ type: 'ProcessEngineException', message: 'internal error' });
    });
    app.setNotFoundHandler((req, reply) => reply.status(404).send({ type: 'NotFound', message: `no route ${req.method} ${req.url.split('?')[0]}` }));
  },
  { name: 'lz-errors' },
);
