/** Stable error codes; every refusal's message starts with one of them, then `: `. */
export const ErrorCode = {
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  CONSENT_REQUIRED: 'CONSENT_REQUIRED',
  CONFLICT: 'CONFLICT',
  INVALID_STATE: 'INVALID_STATE',
  ALREADY_EXISTS: 'ALREADY_EXISTS',
  ALREADY_FINANCED: 'ALREADY_FINANCED',
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A refusal with a stable code; its message is `CODE: sentence`, which is what callers receive. */
export class ContractError extends Error {
  public readonly code: ErrorCode;
  public readonly detail: string;

  constructor(code: ErrorCode, detail: string) {
    super(`${code}: ${detail}`);
    this.name = 'ContractError';
    this.code = code;
    this.detail = detail;
  }
}

/** True when `err` is a ContractError, optionally with the given code. */
export function isContractError(err: unknown, code?: ErrorCode): err is ContractError {
  return err instanceof ContractError && (code === undefined || err.code === code);
}

/** Malformed or out-of-range input; `field` names the argument or property (`periodEnd`, `records[3].runSeconds`). */
export function invalidArgument(field: string, message: string): ContractError {
  return new ContractError(ErrorCode.INVALID_ARGUMENT, `${field} ${message}`);
}

/** A transaction name that no contract of the chaincode has, e.g. `production:SubmitRecordz`. */
export function unknownTransaction(name: string): ContractError {
  return new ContractError(ErrorCode.INVALID_ARGUMENT, `unknown transaction ${name}`);
}

/** The record of the given kind and key does not exist. */
export function notFound(kind: string, key: string): ContractError {
  return new ContractError(ErrorCode.NOT_FOUND, `${kind} ${key} does not exist`);
}

/** The caller's identity or organisation may not do this. */
export function forbidden(message: string): ContractError {
  return new ContractError(ErrorCode.FORBIDDEN, message);
}

/** A bank reads or finances an SME's data without a live consent grant. */
export function consentRequired(message: string): ContractError {
  return new ContractError(ErrorCode.CONSENT_REQUIRED, message);
}

/** A different record already exists under the key, or a period overlaps another. */
export function conflict(message: string): ContractError {
  return new ContractError(ErrorCode.CONFLICT, message);
}

/** The record is not in a state that allows the transition. */
export function invalidState(message: string): ContractError {
  return new ContractError(ErrorCode.INVALID_STATE, message);
}

/** Registering an id that is taken. */
export function alreadyExists(kind: string, key: string): ContractError {
  return new ContractError(ErrorCode.ALREADY_EXISTS, `${kind} ${key} already exists`);
}

/** The receivable, or a part of it, is financed already. */
export function alreadyFinanced(message: string): ContractError {
  return new ContractError(ErrorCode.ALREADY_FINANCED, message);
}

/** A quantity or amount goes over what the contract, delivery or original allows. */
export function limitExceeded(message: string): ContractError {
  return new ContractError(ErrorCode.LIMIT_EXCEEDED, message);
}
