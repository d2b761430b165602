import type { Caller } from '../auth/caller';
import type { ContractProposal, DocumentVerification, TradeContract } from '../domain/trade-contract';
import type { LedgerDirectory, Submitted } from '../ledger/ledger';
import { AppError } from './app-error';

/** Purchase orders between a buyer and its seller. */
export class ContractService {
  readonly #ledgers: LedgerDirectory;

  constructor(ledgers: LedgerDirectory) {
    this.#ledgers = ledgers;
  }

  /** Proposes a contract; the caller must be its buyer or its seller. */
  propose(caller: Caller, proposal: ContractProposal): Promise<Submitted<TradeContract>> {
    if (caller.enterpriseId !== proposal.buyerId && caller.enterpriseId !== proposal.sellerId) {
      throw new AppError(
        'FORBIDDEN',
        `buyerId, sellerId: this API key acts for enterprise ${caller.enterpriseId}, which is neither the buyer nor the seller`,
        { field: 'buyerId', actingFor: caller.enterpriseId },
      );
    }
    return this.#ledgers.forIdentity(caller.identity).proposeContract(proposal);
  }

  confirm(caller: Caller, id: string): Promise<Submitted<TradeContract>> {
    return this.#ledgers.forIdentity(caller.identity).confirmContract(id);
  }

  reject(caller: Caller, id: string, reason: string): Promise<Submitted<TradeContract>> {
    return this.#ledgers.forIdentity(caller.identity).rejectContract(id, reason);
  }

  cancel(caller: Caller, id: string, reason: string): Promise<Submitted<TradeContract>> {
    return this.#ledgers.forIdentity(caller.identity).cancelContract(id, reason);
  }

  get(caller: Caller, id: string): Promise<TradeContract> {
    return this.#ledgers.forIdentity(caller.identity).getContract(id);
  }

  verifyDocument(caller: Caller, documentHash: string): Promise<DocumentVerification> {
    return this.#ledgers.forIdentity(caller.identity).verifyDocument(documentHash);
  }
}
