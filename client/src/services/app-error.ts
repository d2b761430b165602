/** Codes of refusals made by the API itself (the chaincode's own codes pass through unchanged). */
export type AppErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_JSON'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'ROUTE_NOT_FOUND'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'INTERNAL';

/** One field that failed validation. */
export interface FieldProblem {
  readonly field: string;
  /** Where the field was found: `path`, `query` or `body`. */
  readonly in?: 'path' | 'query' | 'body';
  readonly message: string;
}

/** A refusal by the API, with a stable code and JSON details for the caller. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: AppErrorCode, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  /** A 400 naming the fields at fault; the message names the first one. */
  static invalid(problems: readonly FieldProblem[]): AppError {
    const first = problems[0];
    const message = first === undefined ? 'invalid request' : `${first.field}: ${first.message}`;
    return new AppError('INVALID_ARGUMENT', message, { fields: problems });
  }
}
