import type { Context } from 'fabric-contract-api';
import { KeyEndorsementPolicy } from 'fabric-shim';
import { compositeKey, deleteKey, getObject, listByPartialKey, mustGetObject, putObject } from '../ledger/store';
import type { Delivery } from './delivery';
import type { Invoice } from './invoice';
import type { Receivable } from './receivable';
import type { TradeContract } from './trade-contract';
import { recordKey, TradeKey } from './trade-keys';

/** fabric-shim's role name for peers in a key-level policy (its ENDORSER_ROLES enum exists only in its types). */
const PEER_ROLE = 'PEER';

/** Value of the document index: the contract proposed for a purchase order document. */
interface DocumentEntry {
  readonly contractId: string;
}

/** Value of the payment index: the invoice a payment reference settled. */
interface PaymentEntry {
  readonly invoiceId: string;
}

/** The contract; `NOT_FOUND` when absent. */
export function getContract(ctx: Context, id: string): Promise<TradeContract> {
  return mustGetObject<TradeContract>(ctx, recordKey(ctx, 'contract', id), 'contract', id);
}

/** The contract, or undefined. */
export function findContract(ctx: Context, id: string): Promise<TradeContract | undefined> {
  return getObject<TradeContract>(ctx, recordKey(ctx, 'contract', id));
}

/** Writes a contract. */
export async function putContract(ctx: Context, contract: TradeContract): Promise<void> {
  await putObject(ctx, recordKey(ctx, 'contract', contract.id), contract);
}

/** Writes a new contract with its document and party indexes. */
export async function putNewContract(ctx: Context, contract: TradeContract): Promise<void> {
  await putContract(ctx, contract);
  const doc: DocumentEntry = { contractId: contract.id };
  await putObject(ctx, compositeKey(ctx, TradeKey.documentIndex, [contract.documentHash]), doc);
  for (const party of [contract.buyerId, contract.sellerId]) {
    await putObject(ctx, compositeKey(ctx, TradeKey.partyContractIndex, [party, contract.id]), {
      contractId: contract.id,
    });
  }
}

/** The id of the latest contract proposed for a document hash, or undefined. */
export async function findContractIdByDocument(ctx: Context, documentHash: string): Promise<string | undefined> {
  const entry = await getObject<DocumentEntry>(ctx, compositeKey(ctx, TradeKey.documentIndex, [documentHash]));
  return entry?.contractId;
}

/** The ids of every contract the enterprise is buyer or seller of, ascending. */
export async function listContractIdsOf(ctx: Context, enterpriseId: string): Promise<string[]> {
  const entries = await listByPartialKey<{ contractId: string }>(ctx, TradeKey.partyContractIndex, [enterpriseId]);
  return entries.map((e) => e.value.contractId);
}

/**
 * Puts a key-level endorsement policy on the contract key: from now on a change to it needs a
 * peer of every listed organisation (the buyer's and the seller's), whatever the chaincode policy.
 */
export async function requireEndorsementFrom(
  ctx: Context,
  contractId: string,
  mspIds: readonly string[],
): Promise<void> {
  const policy = new KeyEndorsementPolicy();
  policy.addOrgs(PEER_ROLE, ...[...new Set(mspIds)].sort());
  await ctx.stub.setStateValidationParameter(recordKey(ctx, 'contract', contractId), policy.getPolicy());
}

/** The organisations whose peers must endorse a change to the contract key (empty when none is set). */
export async function endorsersOf(ctx: Context, contractId: string): Promise<string[]> {
  const bytes = await ctx.stub.getStateValidationParameter(recordKey(ctx, 'contract', contractId));
  return bytes.length === 0 ? [] : new KeyEndorsementPolicy(bytes).listOrgs().sort();
}

/** The delivery; `NOT_FOUND` when absent. */
export function getDelivery(ctx: Context, id: string): Promise<Delivery> {
  return mustGetObject<Delivery>(ctx, recordKey(ctx, 'delivery', id), 'delivery', id);
}

/** The delivery, or undefined. */
export function findDelivery(ctx: Context, id: string): Promise<Delivery | undefined> {
  return getObject<Delivery>(ctx, recordKey(ctx, 'delivery', id));
}

/** Writes a delivery; a new one also goes into its contract's index. */
export async function putDelivery(ctx: Context, delivery: Delivery, isNew = false): Promise<void> {
  await putObject(ctx, recordKey(ctx, 'delivery', delivery.id), delivery);
  if (isNew) {
    await putObject(ctx, compositeKey(ctx, TradeKey.contractDeliveryIndex, [delivery.contractId, delivery.id]), {
      deliveryId: delivery.id,
    });
  }
}

/** Every delivery under a contract, by id. */
export async function listDeliveries(ctx: Context, contractId: string): Promise<Delivery[]> {
  const entries = await listByPartialKey<{ deliveryId: string }>(ctx, TradeKey.contractDeliveryIndex, [contractId]);
  const deliveries: Delivery[] = [];
  for (const e of entries) {
    deliveries.push(await getDelivery(ctx, e.value.deliveryId));
  }
  return deliveries;
}

/** The invoice; `NOT_FOUND` when absent. */
export function getInvoice(ctx: Context, id: string): Promise<Invoice> {
  return mustGetObject<Invoice>(ctx, recordKey(ctx, 'invoice', id), 'invoice', id);
}

/** The invoice, or undefined. */
export function findInvoice(ctx: Context, id: string): Promise<Invoice | undefined> {
  return getObject<Invoice>(ctx, recordKey(ctx, 'invoice', id));
}

/** Writes an invoice; a new one also goes into its contract's index. */
export async function putInvoice(ctx: Context, invoice: Invoice, isNew = false): Promise<void> {
  await putObject(ctx, recordKey(ctx, 'invoice', invoice.id), invoice);
  if (isNew) {
    await putObject(ctx, compositeKey(ctx, TradeKey.contractInvoiceIndex, [invoice.contractId, invoice.id]), {
      invoiceId: invoice.id,
    });
  }
}

/** Every invoice under a contract, by id. */
export async function listInvoices(ctx: Context, contractId: string): Promise<Invoice[]> {
  const entries = await listByPartialKey<{ invoiceId: string }>(ctx, TradeKey.contractInvoiceIndex, [contractId]);
  const invoices: Invoice[] = [];
  for (const e of entries) {
    invoices.push(await getInvoice(ctx, e.value.invoiceId));
  }
  return invoices;
}

/** The receivable (or part); `NOT_FOUND` when absent. */
export function getReceivable(ctx: Context, id: string): Promise<Receivable> {
  return mustGetObject<Receivable>(ctx, recordKey(ctx, 'receivable', id), 'receivable', id);
}

/** The receivable (or part), or undefined. */
export function findReceivable(ctx: Context, id: string): Promise<Receivable | undefined> {
  return getObject<Receivable>(ctx, recordKey(ctx, 'receivable', id));
}

/**
 * Writes a receivable part and keeps the tree and holder indexes: `previous` is the stored
 * version (undefined for a new part).
 */
export async function putReceivable(ctx: Context, part: Receivable, previous?: Receivable): Promise<void> {
  await putObject(ctx, recordKey(ctx, 'receivable', part.id), part);
  if (previous === undefined) {
    await putObject(ctx, compositeKey(ctx, TradeKey.invoiceReceivableIndex, [part.invoiceId, part.id]), {
      receivableId: part.id,
    });
  }
  if (previous?.holderId !== part.holderId) {
    if (previous !== undefined) {
      await deleteKey(ctx, compositeKey(ctx, TradeKey.holderReceivableIndex, [previous.holderId, part.id]));
    }
    await putObject(ctx, compositeKey(ctx, TradeKey.holderReceivableIndex, [part.holderId, part.id]), {
      receivableId: part.id,
    });
  }
}

/** Every part of an invoice's receivable tree (root included), by id; empty before acknowledgement. */
export async function listReceivableTree(ctx: Context, invoiceId: string): Promise<Receivable[]> {
  const entries = await listByPartialKey<{ receivableId: string }>(ctx, TradeKey.invoiceReceivableIndex, [invoiceId]);
  const parts: Receivable[] = [];
  for (const e of entries) {
    parts.push(await getReceivable(ctx, e.value.receivableId));
  }
  return parts;
}

/** Every part the enterprise holds now (any status), by id. */
export async function listHeldReceivables(ctx: Context, holderId: string): Promise<Receivable[]> {
  const entries = await listByPartialKey<{ receivableId: string }>(ctx, TradeKey.holderReceivableIndex, [holderId]);
  const parts: Receivable[] = [];
  for (const e of entries) {
    parts.push(await getReceivable(ctx, e.value.receivableId));
  }
  return parts;
}

/** The invoice a payment reference settled, or undefined. */
export async function findInvoiceIdByPayment(ctx: Context, paymentRef: string): Promise<string | undefined> {
  const entry = await getObject<PaymentEntry>(ctx, compositeKey(ctx, TradeKey.paymentIndex, [paymentRef]));
  return entry?.invoiceId;
}

/** Records which invoice a payment reference settled. */
export async function putPayment(ctx: Context, paymentRef: string, invoiceId: string): Promise<void> {
  const entry: PaymentEntry = { invoiceId };
  await putObject(ctx, compositeKey(ctx, TradeKey.paymentIndex, [paymentRef]), entry);
}
