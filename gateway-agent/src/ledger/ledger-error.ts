import { status as GrpcStatus } from '@grpc/grpc-js';
import { CommitError, GatewayError, StatusCode } from '@hyperledger/fabric-gateway';
import type { ErrorCode } from '@sme-credit-chain/chaincode';

/** Each chaincode refusal code once; typed by the chaincode's `ErrorCode`, so that a code added or dropped there fails the build. */
const CONTRACT_CODE_SET: Readonly<Record<ErrorCode, true>> = {
  INVALID_ARGUMENT: true,
  NOT_FOUND: true,
  FORBIDDEN: true,
  CONSENT_REQUIRED: true,
  CONFLICT: true,
  INVALID_STATE: true,
  ALREADY_EXISTS: true,
  ALREADY_FINANCED: true,
  LIMIT_EXCEEDED: true,
};

/** The refusal codes the chaincode starts its error messages with (chaincode/API.md). */
export const CONTRACT_CODES = Object.keys(CONTRACT_CODE_SET) as readonly ErrorCode[];

/**
 * - `REFUSED`: the chaincode refused the transaction with a coded error; retrying the same records
 *   gives the same answer, so they are parked for an operator.
 * - `RETRY`: the network could not say yes now (peer unavailable, deadline, MVCC or phantom read
 *   conflict, ordering failure, unknown commit status); the same records are sent again later,
 *   which is safe because an identical record is a no-op on the ledger.
 */
export type LedgerErrorKind = 'REFUSED' | 'RETRY';

/** A failed ledger call, classified. `code` is the chaincode code, gRPC status or commit status name. */
export class LedgerError extends Error {
  readonly kind: LedgerErrorKind;
  readonly code: string;
  readonly transactionId: string | undefined;
  readonly details: readonly Readonly<{ address: string; mspId: string; message: string }>[];

  constructor(
    kind: LedgerErrorKind,
    code: string,
    message: string,
    options: Readonly<{
      transactionId?: string;
      details?: readonly Readonly<{ address: string; mspId: string; message: string }>[];
      cause?: unknown;
    }> = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'LedgerError';
    this.kind = kind;
    this.code = code;
    this.transactionId = options.transactionId;
    this.details = options.details ?? [];
  }
}

const CONTRACT_CODE = new RegExp(`(?:^|[\\s:,(])(${CONTRACT_CODES.join('|')}): (.*)$`, 's');
const COMMIT_STATUS_NAMES = new Map<number, string>(Object.entries(StatusCode).map(([name, code]) => [code, name]));
const GRPC_STATUS_NAMES = new Map<number, string>(
  Object.entries(GrpcStatus)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([name, code]) => [code, name]),
);

/** Classifies what @hyperledger/fabric-gateway threw. */
export function classifyLedgerError(err: unknown): LedgerError {
  if (err instanceof LedgerError) return err;
  const transactionId = (err as { transactionId?: unknown }).transactionId;
  const txId = typeof transactionId === 'string' ? transactionId : undefined;
  if (err instanceof GatewayError) {
    const details = err.details.map(({ address, mspId, message }) => ({ address, mspId, message }));
    for (const message of [...details.map((d) => d.message), err.message]) {
      const match = CONTRACT_CODE.exec(message);
      if (match?.[1] && match[2] !== undefined) {
        return new LedgerError('REFUSED', match[1], `${match[1]}: ${match[2]}`, {
          ...(txId ? { transactionId: txId } : {}),
          details,
          cause: err,
        });
      }
    }
    const code = GRPC_STATUS_NAMES.get(err.code) ?? `GRPC_${err.code}`;
    const detail = details.map((d) => `${d.address}: ${d.message}`).join('; ');
    return new LedgerError('RETRY', code, detail ? `${err.message} (${detail})` : err.message, {
      ...(txId ? { transactionId: txId } : {}),
      details,
      cause: err,
    });
  }
  if (err instanceof CommitError) {
    const code = COMMIT_STATUS_NAMES.get(err.code) ?? `STATUS_${err.code}`;
    return new LedgerError('RETRY', code, `transaction ${err.transactionId} committed with status ${code}`, {
      transactionId: err.transactionId,
      cause: err,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new LedgerError('RETRY', 'UNKNOWN', message, { ...(txId ? { transactionId: txId } : {}), cause: err });
}
