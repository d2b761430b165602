import type { Caller } from '../auth/caller';
import type { Invoice, InvoiceIssue, Settlement } from '../domain/invoice';
import type { Receivable } from '../domain/receivable';
import type { LedgerDirectory, Submitted } from '../ledger/ledger';

/** Invoices: issued by the seller, acknowledged by the buyer (creating the receivable), settled by payment. */
export class InvoiceService {
  readonly #ledgers: LedgerDirectory;

  constructor(ledgers: LedgerDirectory) {
    this.#ledgers = ledgers;
  }

  issue(caller: Caller, invoice: InvoiceIssue): Promise<Submitted<Invoice>> {
    return this.#ledgers.forIdentity(caller.identity).issueInvoice(invoice);
  }

  acknowledge(caller: Caller, id: string): Promise<Submitted<Invoice>> {
    return this.#ledgers.forIdentity(caller.identity).acknowledgeInvoice(id);
  }

  get(caller: Caller, id: string): Promise<Invoice> {
    return this.#ledgers.forIdentity(caller.identity).getInvoice(id);
  }

  settle(caller: Caller, id: string, settlement: Settlement): Promise<Submitted<Invoice>> {
    return this.#ledgers.forIdentity(caller.identity).settleInvoice(id, settlement);
  }

  /** Every part of the invoice's receivable tree. */
  receivables(caller: Caller, invoiceId: string): Promise<Receivable[]> {
    return this.#ledgers.forIdentity(caller.identity).listReceivables(invoiceId);
  }
}
