import { StatusCode, type Status } from '@hyperledger/fabric-gateway';
import { LedgerError } from '../ledger-error';
import { translateFabricError } from './translate-fabric-error';

/** The part of a Fabric Gateway `SubmittedTransaction` the runner uses. */
export interface SubmittedTransactionLike {
  getResult(): Uint8Array;
  getTransactionId(): string;
  getStatus(): Promise<Status>;
}

/** The part of a Fabric Gateway `Contract` the runner uses, narrow to aid mocking. */
export interface ContractLike {
  evaluate(transactionName: string, options: Readonly<{ arguments: string[] }>): Promise<Uint8Array>;
  submitAsync(transactionName: string, options: Readonly<{ arguments: string[] }>): Promise<SubmittedTransactionLike>;
}

/** Raw chaincode calls: evaluate on a peer, or submit and wait for the commit. */
export interface TransactionRunner {
  evaluate(transactionName: string, args: readonly string[]): Promise<Uint8Array>;
  submit(transactionName: string, args: readonly string[]): Promise<{ transactionId: string; result: Uint8Array }>;
}

/** Options of {@link newTransactionRunner}. */
export type TransactionRunnerOptions = Readonly<{
  /** Attempts in all for a transaction that commits with MVCC_READ_CONFLICT (at least 1). */
  maxAttempts: number;
  /** Wait before the first retry; doubled for each further one. */
  retryBackoffMs: number;
  /** Waits; replaceable in tests. */
  sleep?: (ms: number) => Promise<void>;
}>;

const STATUS_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(StatusCode).map(([name, code]) => [code, name]),
);

/** The name of a transaction validation code (`MVCC_READ_CONFLICT`). */
export function statusName(code: number): string {
  return STATUS_NAMES.get(code) ?? `STATUS_${code}`;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class GatewayTransactionRunner implements TransactionRunner {
  readonly #contract: ContractLike;
  readonly #maxAttempts: number;
  readonly #retryBackoffMs: number;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(contract: ContractLike, options: TransactionRunnerOptions) {
    this.#contract = contract;
    this.#maxAttempts = Math.max(1, options.maxAttempts);
    this.#retryBackoffMs = options.retryBackoffMs;
    this.#sleep = options.sleep ?? defaultSleep;
  }

  async evaluate(transactionName: string, args: readonly string[]): Promise<Uint8Array> {
    try {
      return await this.#contract.evaluate(transactionName, { arguments: [...args] });
    } catch (err) {
      throw translateFabricError(err, 'evaluate', transactionName);
    }
  }

  async submit(
    transactionName: string,
    args: readonly string[],
  ): Promise<{ transactionId: string; result: Uint8Array }> {
    for (let attempt = 1; ; attempt++) {
      const { transactionId, result, status } = await this.#submitOnce(transactionName, args);
      if (status.successful) return { transactionId, result };
      const name = statusName(status.code);
      const retryable = status.code === StatusCode.MVCC_READ_CONFLICT;
      if (retryable && attempt < this.#maxAttempts) {
        await this.#sleep(this.#retryBackoffMs * 2 ** (attempt - 1));
        continue;
      }
      throw new LedgerError({
        failure: retryable ? 'conflict' : 'invalid',
        stage: 'commit',
        transactionName,
        transactionId,
        validationCode: name,
        message: retryable
          ? `${transactionName} lost a concurrent update (${name}) on all ${attempt} attempts`
          : `${transactionName} was committed as invalid (${name})`,
      });
    }
  }

  async #submitOnce(
    transactionName: string,
    args: readonly string[],
  ): Promise<{ transactionId: string; result: Uint8Array; status: Status }> {
    try {
      const commit = await this.#contract.submitAsync(transactionName, { arguments: [...args] });
      const status = await commit.getStatus();
      return { transactionId: commit.getTransactionId(), result: commit.getResult(), status };
    } catch (err) {
      throw translateFabricError(err, 'endorse', transactionName);
    }
  }
}

/** A runner over a Fabric Gateway contract that retries only transactions that hit MVCC_READ_CONFLICT. */
export function newTransactionRunner(contract: ContractLike, options: TransactionRunnerOptions): TransactionRunner {
  return new GatewayTransactionRunner(contract, options);
}
