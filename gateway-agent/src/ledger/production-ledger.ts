import { ProductionRecord, RecordKey } from './production-record';

/** What `production:SubmitRecords` answered, once the transaction committed with status VALID. */
export type SubmitResult = Readonly<{
  transactionId: string;
  written: number;
  unchanged: number;
}>;

/** The caller's identity as the chaincode sees it (`registry:WhoAmI`). */
export type WhoAmI = Readonly<{ identityId: string; mspId: string; enterpriseId?: string }>;

/**
 * The ledger as the agent uses it; narrow so that senders can be tested without a network. Methods
 * reject with a {@link LedgerError} that says whether a retry can help.
 */
export interface ProductionLedger {
  /** Submits records of one enterprise in one transaction; resolves only when it committed VALID. */
  submitRecords(records: readonly ProductionRecord[]): Promise<SubmitResult>;
  /** Reads a stored record, or undefined when there is none. */
  getRecord(key: RecordKey): Promise<ProductionRecord | undefined>;
  whoAmI(): Promise<WhoAmI>;
  close(): void;
}
