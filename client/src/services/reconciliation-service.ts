import type { Caller } from '../auth/caller';
import type { Reconciliation, ReconciliationOpening, StatementLine } from '../domain/reconciliation';
import type { LedgerDirectory, Submitted } from '../ledger/ledger';
import { AppError } from './app-error';

/** Reconciliations of a period's statements between parties and against the ledger. */
export class ReconciliationService {
  readonly #ledgers: LedgerDirectory;

  constructor(ledgers: LedgerDirectory) {
    this.#ledgers = ledgers;
  }

  /** Opens a reconciliation; the caller's enterprise must be one of the parties. */
  open(caller: Caller, opening: ReconciliationOpening): Promise<Submitted<Reconciliation>> {
    if (!opening.parties.includes(caller.enterpriseId)) {
      throw new AppError(
        'FORBIDDEN',
        `parties: this API key acts for enterprise ${caller.enterpriseId}, which is not among the parties`,
        { field: 'parties', actingFor: caller.enterpriseId },
      );
    }
    return this.#ledgers.forIdentity(caller.identity).openReconciliation(opening);
  }

  submitStatement(caller: Caller, id: string, lines: readonly StatementLine[]): Promise<Submitted<Reconciliation>> {
    return this.#ledgers.forIdentity(caller.identity).submitStatement(id, lines);
  }

  get(caller: Caller, id: string): Promise<Reconciliation> {
    return this.#ledgers.forIdentity(caller.identity).getReconciliation(id);
  }
}
