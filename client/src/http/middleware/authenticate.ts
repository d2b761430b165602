import type { RequestHandler } from 'express';
import type { ApiKeyRegistry } from '../../auth/api-keys';
import { AppError } from '../../services/app-error';

const BEARER = /^Bearer[ ]+([^\s]+)[ ]*$/i;

/**
 * Requires `Authorization: Bearer <API key>` and puts the key's caller in `res.locals.caller`;
 * answers 401 when the header is missing or the key unknown.
 */
export function authenticate(keys: ApiKeyRegistry): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization;
    res.setHeader('WWW-Authenticate', 'Bearer realm="sme-credit-chain"');
    if (header === undefined || header === '') {
      next(new AppError('UNAUTHENTICATED', 'this API needs an Authorization: Bearer <API key> header'));
      return;
    }
    const token = BEARER.exec(header)?.[1];
    if (token === undefined) {
      next(new AppError('UNAUTHENTICATED', 'the Authorization header must be Bearer <API key>'));
      return;
    }
    const caller = keys.authenticate(token);
    if (caller === undefined) {
      next(new AppError('UNAUTHENTICATED', 'the API key is not known'));
      return;
    }
    res.removeHeader('WWW-Authenticate');
    res.locals.caller = caller;
    next();
  };
}
