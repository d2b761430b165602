import type { LedgerError } from '../ledger/ledger-error';

/**
 * The HTTP status of every error code the API returns: the chaincode's codes (chaincode/API.md),
 * the API's own, and those of Fabric failures. This table is the only place codes meet statuses.
 */
export const httpStatusByCode = {
  INVALID_ARGUMENT: 400,
  INVALID_JSON: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONSENT_REQUIRED: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  ALREADY_EXISTS: 409,
  ALREADY_FINANCED: 409,
  TRANSACTION_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  HEADERS_TOO_LARGE: 431,
  UNSUPPORTED_MEDIA_TYPE: 415,
  LIMIT_EXCEEDED: 422,
  INTERNAL: 500,
  LEDGER_ERROR: 502,
  LEDGER_BAD_RESPONSE: 502,
  TRANSACTION_INVALID: 502,
  LEDGER_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

/** Every error code the API returns. */
export type ErrorCode = keyof typeof httpStatusByCode;

/** The API error code of a ledger failure: the chaincode's own code when it refused. */
export function errorCodeOfLedgerError(err: LedgerError): ErrorCode {
  switch (err.failure) {
    case 'refused':
      return err.chaincodeCode ?? 'LEDGER_ERROR';
    case 'unavailable':
      return 'LEDGER_UNAVAILABLE';
    case 'conflict':
      return 'TRANSACTION_CONFLICT';
    case 'invalid':
      return 'TRANSACTION_INVALID';
    case 'bad-response':
      return 'LEDGER_BAD_RESPONSE';
    case 'failed':
      return 'LEDGER_ERROR';
  }
}
