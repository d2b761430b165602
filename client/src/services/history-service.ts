import type { Caller } from '../auth/caller';
import type { HistoryEntry, RecordType } from '../domain/history';
import type { LedgerDirectory } from '../ledger/ledger';

/** The audit trail of a record: every write with its transaction id, oldest first. */
export class HistoryService {
  readonly #ledgers: LedgerDirectory;

  constructor(ledgers: LedgerDirectory) {
    this.#ledgers = ledgers;
  }

  get(caller: Caller, recordType: RecordType, keyParts: readonly string[]): Promise<HistoryEntry[]> {
    return this.#ledgers.forIdentity(caller.identity).getHistory(recordType, keyParts);
  }
}
