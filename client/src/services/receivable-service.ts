import type { Caller } from '../auth/caller';
import type { FinancingTerms, Receivable, SplitPart } from '../domain/receivable';
import type { LedgerDirectory, Submitted } from '../ledger/ledger';

/** Receivables: financed once by a bank, split and transferred upstream by their holder. */
export class ReceivableService {
  readonly #ledgers: LedgerDirectory;

  constructor(ledgers: LedgerDirectory) {
    this.#ledgers = ledgers;
  }

  get(caller: Caller, id: string): Promise<Receivable> {
    return this.#ledgers.forIdentity(caller.identity).getReceivable(id);
  }

  finance(caller: Caller, id: string, terms: FinancingTerms): Promise<Submitted<Receivable>> {
    return this.#ledgers.forIdentity(caller.identity).financeReceivable(id, terms);
  }

  split(caller: Caller, id: string, parts: readonly SplitPart[]): Promise<Submitted<Receivable[]>> {
    return this.#ledgers.forIdentity(caller.identity).splitReceivable(id, parts);
  }

  transfer(caller: Caller, id: string, toEnterpriseId: string): Promise<Submitted<Receivable>> {
    return this.#ledgers.forIdentity(caller.identity).transferReceivable(id, toEnterpriseId);
  }
}
