import type { Caller } from '../auth/caller';
import type { Enterprise, EnterpriseRegistration, IdentityBinding, WhoAmI } from '../domain/enterprise';
import type { Page, PageRequest } from '../domain/page';
import type { LedgerDirectory, Submitted } from '../ledger/ledger';
import { assertActsFor } from './acting-for';

/** The caller as the API and the ledger see it. */
export interface CallerProfile {
  readonly keyName: string;
  readonly enterpriseId: string;
  readonly mspId: string;
  readonly ledger: WhoAmI;
}

/** Registers, binds and reads enterprises. */
export class EnterpriseService {
  readonly #ledgers: LedgerDirectory;

  constructor(ledgers: LedgerDirectory) {
    this.#ledgers = ledgers;
  }

  /** Registers the caller's own enterprise under the caller's MSP ID; the caller's identity is bound to it. */
  register(caller: Caller, registration: EnterpriseRegistration): Promise<Submitted<Enterprise>> {
    assertActsFor(caller, registration.id, 'id');
    return this.#ledgers.forIdentity(caller.identity).registerEnterprise({ ...registration, mspId: caller.mspId });
  }

  get(caller: Caller, id: string): Promise<Enterprise> {
    return this.#ledgers.forIdentity(caller.identity).getEnterprise(id);
  }

  list(caller: Caller, page: PageRequest): Promise<Page<Enterprise>> {
    return this.#ledgers.forIdentity(caller.identity).listEnterprises(page);
  }

  /** Binds another identity of the caller's organisation to the caller's enterprise. */
  bindIdentity(caller: Caller, enterpriseId: string, identityId: string): Promise<Submitted<IdentityBinding>> {
    assertActsFor(caller, enterpriseId, 'enterpriseId');
    return this.#ledgers.forIdentity(caller.identity).bindIdentity(enterpriseId, identityId);
  }

  async whoAmI(caller: Caller): Promise<CallerProfile> {
    const ledger = await this.#ledgers.forIdentity(caller.identity).whoAmI();
    return { keyName: caller.keyName, enterpriseId: caller.enterpriseId, mspId: caller.mspId, ledger };
  }
}
