import type { Context } from 'fabric-contract-api';
import { marshal } from '../ledger/store';

/** Chaincode event names of the trade and reconciliation state changes. */
export type TradeEventName =
  | 'ContractProposed'
  | 'ContractConfirmed'
  | 'ContractRejected'
  | 'ContractCancelRequested'
  | 'ContractCancelled'
  | 'DeliveryShipped'
  | 'DeliveryReceived'
  | 'InvoiceIssued'
  | 'InvoiceAcknowledged'
  | 'ReceivableFinanced'
  | 'ReceivableSplit'
  | 'ReceivableTransferred'
  | 'InvoiceSettled'
  | 'ReconciliationOpened'
  | 'StatementSubmitted'
  | 'ReconciliationCompleted';

/** Emits the transaction's chaincode event (one per transaction, as Fabric keeps only the last) with canonical JSON. */
export function emitEvent(ctx: Context, name: TradeEventName, payload: unknown): void {
  ctx.stub.setEvent(name, marshal(payload));
}
