import type { Caller } from '../auth/caller';
import type { ConsentGrant, ConsentRequest } from '../domain/consent';
import type { LedgerDirectory, Submitted } from '../ledger/ledger';
import { assertActsFor } from './acting-for';

/** An SME's consent grants to banks. */
export class ConsentService {
  readonly #ledgers: LedgerDirectory;

  constructor(ledgers: LedgerDirectory) {
    this.#ledgers = ledgers;
  }

  grant(caller: Caller, smeId: string, request: ConsentRequest): Promise<Submitted<ConsentGrant>> {
    assertActsFor(caller, smeId, 'enterpriseId');
    return this.#ledgers.forIdentity(caller.identity).grantConsent(request.bankId, request.scopes, request.expiresAt);
  }

  revoke(caller: Caller, smeId: string, bankId: string): Promise<Submitted<ConsentGrant>> {
    assertActsFor(caller, smeId, 'enterpriseId');
    return this.#ledgers.forIdentity(caller.identity).revokeConsent(bankId);
  }

  get(caller: Caller, smeId: string, bankId: string): Promise<ConsentGrant> {
    return this.#ledgers.forIdentity(caller.identity).getConsent(smeId, bankId);
  }

  list(caller: Caller, smeId: string): Promise<ConsentGrant[]> {
    return this.#ledgers.forIdentity(caller.identity).listConsents(smeId);
  }
}
