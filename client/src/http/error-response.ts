import { AppError } from '../services/app-error';
import { LedgerError } from '../ledger/ledger-error';
import { errorCodeOfLedgerError, httpStatusByCode, type ErrorCode } from './error-status';

/** The one JSON shape of every error: `{"error": {code, message, details}}`. */
export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly details: Readonly<Record<string, unknown>>;
    readonly requestId?: string;
  };
}

/** An error ready to send: status, extra headers and body. */
export interface ErrorResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: ErrorBody;
  /** True when the failure is the API's or the ledger's fault and deserves an error log. */
  readonly serverFault: boolean;
}

/** Options of {@link errorResponse}. */
export type ErrorResponseOptions = Readonly<{ requestId?: string; retryAfterSeconds: number }>;

interface HttpLikeError {
  status?: unknown;
  type?: unknown;
  expose?: unknown;
  message?: unknown;
  /** The raw text body-parser could not accept. */
  body?: unknown;
}

/** True for text that is JSON but not an object or array (`null`, `"x"`, `1`), which strict parsing refuses. */
function isJsonScalar(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value !== 'object' || value === null;
  } catch {
    return false;
  }
}

function respond(
  code: ErrorCode,
  message: string,
  details: Readonly<Record<string, unknown>>,
  options: ErrorResponseOptions,
  headers: Readonly<Record<string, string>> = {},
): ErrorResponse {
  const status = httpStatusByCode[code];
  return {
    status,
    headers,
    body: {
      error: {
        code,
        message,
        details,
        ...(options.requestId === undefined ? {} : { requestId: options.requestId }),
      },
    },
    serverFault: status >= 500,
  };
}

function ledgerResponse(err: LedgerError, options: ErrorResponseOptions): ErrorResponse {
  const code = errorCodeOfLedgerError(err);
  const details = {
    transaction: err.transactionName,
    stage: err.stage,
    ...(err.transactionId === undefined ? {} : { transactionId: err.transactionId }),
    ...(err.validationCode === undefined ? {} : { validationCode: err.validationCode }),
    peers: err.peers.map((p) => ({ mspId: p.mspId, address: p.address, message: p.message })),
  };
  const message = err.failure === 'refused' ? err.message.replace(/^[A-Z_]+: /, '') : err.message;
  const headers: Record<string, string> = {};
  if (code === 'LEDGER_UNAVAILABLE') headers['Retry-After'] = String(options.retryAfterSeconds);
  if (code === 'TRANSACTION_CONFLICT') headers['Retry-After'] = '1';
  return respond(code, message, details, options, headers);
}

function bodyParserResponse(err: HttpLikeError, options: ErrorResponseOptions): ErrorResponse | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      if (isJsonScalar(err.body)) {
        return respond(
          'INVALID_ARGUMENT',
          'body: must be a JSON object',
          { fields: [{ field: 'body', in: 'body', message: 'must be a JSON object' }] },
          options,
        );
      }
      return respond(
        'INVALID_JSON',
        `the request body is not valid JSON${typeof err.message === 'string' ? `: ${err.message}` : ''}`,
        {},
        options,
      );
    case 'entity.too.large':
      return respond('PAYLOAD_TOO_LARGE', 'the request body is larger than this API accepts', {}, options);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return respond('UNSUPPORTED_MEDIA_TYPE', 'the request body must be UTF-8 JSON', {}, options);
    default:
      if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
        return respond('INVALID_ARGUMENT', 'the request body could not be read', {}, options);
      }
      return undefined;
  }
}

/** Turns anything thrown while serving a request into the API's error response; no stack ever leaves. */
export function errorResponse(err: unknown, options: ErrorResponseOptions): ErrorResponse {
  if (err instanceof AppError) return respond(err.code, err.message, err.details, options);
  if (err instanceof LedgerError) return ledgerResponse(err, options);
  // The router could not decode a path parameter (`%E0%A4%A`, `%zz`).
  if (err instanceof URIError) {
    return respond(
      'INVALID_ARGUMENT',
      'the URL path is not valid percent-encoding',
      { fields: [{ field: 'path', in: 'path', message: 'is not valid percent-encoding' }] },
      options,
    );
  }
  if (typeof err === 'object' && err !== null) {
    const parsed = bodyParserResponse(err, options);
    if (parsed !== undefined) return parsed;
  }
  return respond('INTERNAL', 'the request could not be served because of an internal error', {}, options);
}
