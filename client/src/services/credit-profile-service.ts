import type { Caller } from '../auth/caller';
import type { CreditProfile, CreditWindowDays } from '../domain/credit-profile';
import type { LedgerDirectory } from '../ledger/ledger';

/** Reads an SME's credit profile as of a date or time (now when not given). */
export class CreditProfileService {
  readonly #ledgers: LedgerDirectory;
  readonly #now: () => Date;

  constructor(ledgers: LedgerDirectory, now: () => Date) {
    this.#ledgers = ledgers;
    this.#now = now;
  }

  get(caller: Caller, enterpriseId: string, windowDays: CreditWindowDays, asOf?: string): Promise<CreditProfile> {
    return this.#ledgers
      .forIdentity(caller.identity)
      .getCreditProfile(enterpriseId, windowDays, asOf ?? this.#now().toISOString());
  }
}
