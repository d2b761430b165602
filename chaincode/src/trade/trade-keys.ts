import type { Context } from 'fabric-contract-api';
import { compositeKey } from '../ledger/store';

/**
 * Composite key types of trade records and their indexes. Record types are the `recordType`
 * names of `history:GetHistory`, each keyed by the record id.
 */
export const TradeKey = {
  contract: 'contract',
  delivery: 'delivery',
  invoice: 'invoice',
  receivable: 'receivable',
  /** `(documentHash)` → the contract proposed for that purchase order document. */
  documentIndex: 'trade.document',
  /** `(enterpriseId, contractId)` for both buyer and seller. */
  partyContractIndex: 'trade.party-contract',
  /** `(contractId, deliveryId)`. */
  contractDeliveryIndex: 'trade.contract-delivery',
  /** `(contractId, invoiceId)`. */
  contractInvoiceIndex: 'trade.contract-invoice',
  /** `(invoiceId, receivableId)`: every part of an invoice's receivable tree. */
  invoiceReceivableIndex: 'trade.invoice-receivable',
  /** `(holderId, receivableId)`: the parts an enterprise holds now. */
  holderReceivableIndex: 'trade.holder-receivable',
  /** `(paymentRef)` → the invoice it settled. */
  paymentIndex: 'trade.payment',
} as const;

/** The ledger key of a trade record by id. */
export function recordKey(ctx: Context, type: 'contract' | 'delivery' | 'invoice' | 'receivable', id: string): string {
  return compositeKey(ctx, TradeKey[type], [id]);
}
