import type { ChaincodeErrorCode } from './chaincode-error-code';

/** Where in a transaction's life the failure happened. */
export type LedgerStage = 'evaluate' | 'endorse' | 'submit' | 'commit';

/**
 * What kind of failure it is:
 * - `refused`: the chaincode refused with a stable code;
 * - `unavailable`: a peer or orderer could not be reached or a deadline passed (worth retrying later);
 * - `conflict`: the transaction lost a concurrent update (MVCC read conflict) on every attempt;
 * - `invalid`: the transaction was ordered but committed with an invalid status;
 * - `failed`: any other failure of the gateway, the peers or the chaincode;
 * - `bad-response`: the chaincode answered with something that does not match the interface.
 */
export type LedgerFailure = 'refused' | 'unavailable' | 'conflict' | 'invalid' | 'failed' | 'bad-response';

/** The error one peer or orderer reported. */
export interface PeerErrorDetail {
  readonly mspId: string;
  readonly address: string;
  readonly message: string;
}

/** Properties of a {@link LedgerError}. */
export type LedgerErrorOptions = Readonly<{
  failure: LedgerFailure;
  stage: LedgerStage;
  message: string;
  transactionName: string;
  transactionId?: string | undefined;
  chaincodeCode?: ChaincodeErrorCode | undefined;
  grpcCode?: number | undefined;
  validationCode?: string | undefined;
  peers?: readonly PeerErrorDetail[] | undefined;
  cause?: unknown;
}>;

/** A failed ledger call, with its stage, transaction id and each peer's message. */
export class LedgerError extends Error {
  readonly failure: LedgerFailure;
  readonly stage: LedgerStage;
  readonly transactionName: string;
  readonly transactionId: string | undefined;
  readonly chaincodeCode: ChaincodeErrorCode | undefined;
  readonly grpcCode: number | undefined;
  readonly validationCode: string | undefined;
  readonly peers: readonly PeerErrorDetail[];

  constructor(options: LedgerErrorOptions) {
    super(options.message, { cause: options.cause });
    this.name = 'LedgerError';
    this.failure = options.failure;
    this.stage = options.stage;
    this.transactionName = options.transactionName;
    this.transactionId = options.transactionId;
    this.chaincodeCode = options.chaincodeCode;
    this.grpcCode = options.grpcCode;
    this.validationCode = options.validationCode;
    this.peers = options.peers ?? [];
  }
}
