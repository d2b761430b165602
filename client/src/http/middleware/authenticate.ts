import type { RequestHandler } from 'express';
import type { ApiKeyRegistry } from '../../auth/api-keys';
import { AppError } from '../../services/app-error';

const BEARER = /^Bearer[ ]+([^\s]+)[ ]*$/i;

/** How many Authorization headers the request carries (Node keeps only the first in `headers`). */
function authorizationHeaderCount(rawHeaders: readonly string[]): number {
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === 'authorization') count += 1;
  }
  return count;
}

/**
 * Requires `Authorization: Bearer <API key>` and puts the key's caller in `res.locals.caller`;
 * answers 401 when the header is missing, repeated or the key unknown.
 */
export function authenticate(keys: ApiKeyRegistry): RequestHandler {
  return (req, res, next) => {
    const header = req.headers.authorization;
    res.setHeader('WWW-Authenticate', 'Bearer realm="sme-credit-chain"');
    if (header === undefined || header === '') {
      next(new AppError('UNAUTHENTICATED', 'this API needs an Authorization: Bearer <API key> header'));
      return;
    }
    const count = authorizationHeaderCount(req.rawHeaders);
    if (count > 1) {
      next(new AppError('UNAUTHENTICATED', `send one Authorization header, not ${count}`));
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
