import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../../services/app-error';
import { errorResponse } from '../error-response';

/** Answers requests no route matched with the API's 404 error. */
export function routeNotFound(): RequestHandler {
  return (req, _res, next) => {
    next(new AppError('ROUTE_NOT_FOUND', `no route ${req.method} ${req.path}`));
  };
}

/** The one error middleware: every failure becomes `{"error": {code, message, details}}` with its status. */
export function errorHandler(options: Readonly<{ retryAfterSeconds: number }>): ErrorRequestHandler {
  return (err: unknown, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const requestId = typeof req.id === 'string' ? req.id : undefined;
    const response = errorResponse(err, {
      retryAfterSeconds: options.retryAfterSeconds,
      ...(requestId === undefined ? {} : { requestId }),
    });
    if (response.serverFault) req.log.error({ err }, response.body.error.message);
    res.status(response.status).set(response.headers).json(response.body);
  };
}
