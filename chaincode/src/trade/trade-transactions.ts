import { Context, Info, Param, Returns, Transaction } from 'fabric-contract-api';
import { CodedContract } from '../coded-contract';
import { requireConsent } from '../access/consent-check';
import { alreadyExists, conflict, invalidArgument, invalidState, notFound } from '../errors';
import { txTimestamp } from '../ledger/clock';
import { canonicalJson, exists } from '../ledger/store';
import { findProductionRecord } from '../production/production-record';
import { getEnterprise } from '../registry/enterprise';
import { findBinding } from '../registry/identity-binding';
import { parseHex64, parseId } from '../validation/fields';
import { cancelContract, confirmContract, proposeContract, rejectContract } from './contract-lifecycle';
import { receiveDelivery, shipDelivery } from './delivery-rules';
import { acknowledgeInvoice, issueInvoice, settleInvoice } from './invoice-rules';
import { financeReceivable, splitReceivable, transferReceivable } from './receivable-rules';
import { requireActor, requireReadOfAny, requireReceivableRead } from './trade-access';
import {
  parseContractProposal,
  parseInvoiceInput,
  parseParts,
  parsePayment,
  parseReason,
  parseReceipt,
  parseShipment,
  parseTerms,
} from './trade-arguments';
import type { TradeContract } from './trade-contract';
import { emitEvent } from './trade-events';
import { recordKey } from './trade-keys';
import './trade-metadata';
import { sideOf, type TradeSide } from './trade-party';
import {
  findContract,
  findContractIdByDocument,
  findInvoiceIdByPayment,
  getContract,
  getDelivery,
  getInvoice,
  getReceivable,
  listReceivableTree,
  putContract,
  putDelivery,
  putInvoice,
  putNewContract,
  putPayment,
  putReceivable,
  requireEndorsementFrom,
} from './trade-store';
import { compareMoments } from './trade-time';

/** The side of the contract the identity that did something (`proposedBy`, `cancelRequestedBy`) acts for. */
async function sideOfIdentity(
  ctx: Context,
  contract: TradeContract,
  identityId: string | undefined,
): Promise<TradeSide | undefined> {
  if (identityId === undefined) return undefined;
  const binding = await findBinding(ctx, identityId);
  return binding === undefined ? undefined : sideOf(contract, binding.enterpriseId);
}

/** The answer of VerifyDocument. */
interface DocumentVerification {
  readonly documentHash: string;
  readonly found: boolean;
  readonly bothConfirmed: boolean;
  readonly contract?: TradeContract;
  readonly status?: TradeContract['status'];
  readonly proposedBy?: string;
  readonly proposedAt?: string;
  readonly confirmedBy?: string;
  readonly confirmedAt?: string;
}

/**
 * Purchase orders, deliveries, invoices and receivables between buyers, SMEs and banks. Results are
 * canonical JSON text; every state change emits a chaincode event named after it.
 */
@Info({ title: 'Trade', description: 'Purchase orders, deliveries, invoices, receivables and their financing' })
export class TradeTransactions extends CodedContract {
  constructor() {
    super('trade');
  }

  /** Proposes a purchase order; the caller must be bound to its buyer or its seller. */
  @Transaction()
  @Param(
    'contractJson',
    'string',
    '{id, buyerId, sellerId, documentHash, lines, currency, deliveryDue, paymentTermsDays}',
  )
  @Returns('string')
  public async ProposeContract(ctx: Context, contractJson: string): Promise<string> {
    const proposal = parseContractProposal(contractJson);
    const actor = await requireActor(ctx);
    const contract = proposeContract(proposal, actor, txTimestamp(ctx));
    if (await exists(ctx, recordKey(ctx, 'contract', contract.id))) {
      throw alreadyExists('contract', contract.id);
    }
    for (const [field, id] of [
      ['buyerId', contract.buyerId],
      ['sellerId', contract.sellerId],
    ] as const) {
      const enterprise = await getEnterprise(ctx, id);
      if (enterprise.role === 'BANK') {
        throw invalidArgument(`contractJson.${field}`, `must not be a BANK (${id})`);
      }
    }
    const previousId = await findContractIdByDocument(ctx, contract.documentHash);
    const previous = previousId === undefined ? undefined : await findContract(ctx, previousId);
    if (previous !== undefined && (previous.status === 'PROPOSED' || previous.status === 'CONFIRMED')) {
      throw conflict(
        `document ${contract.documentHash} already belongs to contract ${previous.id} (${previous.status})`,
      );
    }
    await putNewContract(ctx, contract);
    emitEvent(ctx, 'ContractProposed', contract);
    return canonicalJson(contract);
  }

  /**
   * Confirms a PROPOSED contract (the party that did not propose it); from then on the contract
   * key needs the endorsement of both parties' organisations.
   */
  @Transaction()
  @Param('id', 'string', 'contract id')
  @Returns('string')
  public async ConfirmContract(ctx: Context, id: string): Promise<string> {
    const actor = await requireActor(ctx);
    const contract = await getContract(ctx, parseId(id, 'id'));
    const proposerSide = await this.proposerSide(ctx, contract);
    const confirmed = confirmContract(contract, actor, proposerSide, txTimestamp(ctx));
    const buyer = await getEnterprise(ctx, contract.buyerId);
    const seller = await getEnterprise(ctx, contract.sellerId);
    await putContract(ctx, confirmed);
    await requireEndorsementFrom(ctx, contract.id, [buyer.mspId, seller.mspId]);
    emitEvent(ctx, 'ContractConfirmed', confirmed);
    return canonicalJson(confirmed);
  }

  /** Rejects a PROPOSED contract (the party that did not propose it), with a reason. */
  @Transaction()
  @Param('id', 'string', 'contract id')
  @Param('reason', 'string', 'why the contract is rejected')
  @Returns('string')
  public async RejectContract(ctx: Context, id: string, reason: string): Promise<string> {
    const actor = await requireActor(ctx);
    const why = parseReason(reason);
    const contract = await getContract(ctx, parseId(id, 'id'));
    const rejected = rejectContract(contract, actor, await this.proposerSide(ctx, contract), why, txTimestamp(ctx));
    await putContract(ctx, rejected);
    emitEvent(ctx, 'ContractRejected', rejected);
    return canonicalJson(rejected);
  }

  /** Cancellation by agreement: the first party's call records the request, the other party's cancels. */
  @Transaction()
  @Param('id', 'string', 'contract id')
  @Param('reason', 'string', 'why the contract is cancelled')
  @Returns('string')
  public async CancelContract(ctx: Context, id: string, reason: string): Promise<string> {
    const actor = await requireActor(ctx);
    const why = parseReason(reason);
    const contract = await getContract(ctx, parseId(id, 'id'));
    const requesterSide = await sideOfIdentity(ctx, contract, contract.cancelRequestedBy);
    const updated = cancelContract(contract, actor, requesterSide, why, txTimestamp(ctx));
    await putContract(ctx, updated);
    emitEvent(ctx, updated.status === 'CANCELLED' ? 'ContractCancelled' : 'ContractCancelRequested', updated);
    return canonicalJson(updated);
  }

  /** The contract; readable by both parties' organisations and by banks with `trade` consent from one of them. */
  @Transaction(false)
  @Param('id', 'string', 'contract id')
  @Returns('string')
  public async GetContract(ctx: Context, id: string): Promise<string> {
    const contract = await getContract(ctx, parseId(id, 'id'));
    await requireReadOfAny(ctx, [contract.sellerId, contract.buyerId], 'trade');
    return canonicalJson(contract);
  }

  /**
   * Whether a purchase order document (its sha256) was proposed by one party and confirmed by the
   * other, by whom and when. Anyone holding the document may ask.
   */
  @Transaction(false)
  @Param('documentHash', 'string', 'sha256 of the purchase order document, 64 lowercase hex')
  @Returns('string')
  public async VerifyDocument(ctx: Context, documentHash: string): Promise<string> {
    const hash = parseHex64(documentHash, 'documentHash');
    const contractId = await findContractIdByDocument(ctx, hash);
    const contract = contractId === undefined ? undefined : await findContract(ctx, contractId);
    const answer: DocumentVerification =
      contract === undefined
        ? { documentHash: hash, found: false, bothConfirmed: false }
        : {
            documentHash: hash,
            found: true,
            contract,
            status: contract.status,
            bothConfirmed: contract.confirmedAt !== undefined,
            proposedBy: contract.proposedBy,
            proposedAt: contract.proposedAt,
            confirmedBy: contract.confirmedBy,
            confirmedAt: contract.confirmedAt,
          };
    return canonicalJson(answer);
  }

  /** Ships goods under a CONFIRMED contract (the seller), with the seller's production records as evidence. */
  @Transaction()
  @Param(
    'deliveryJson',
    'string',
    '{id, contractId, qty, shippedAt, evidence: [{enterpriseId, deviceId, periodStart}]}',
  )
  @Returns('string')
  public async ShipDelivery(ctx: Context, deliveryJson: string): Promise<string> {
    const shipment = parseShipment(deliveryJson);
    const actor = await requireActor(ctx);
    const contract = await getContract(ctx, shipment.contractId);
    const shipped = shipDelivery(contract, shipment, actor, txTimestamp(ctx));
    if (await exists(ctx, recordKey(ctx, 'delivery', shipment.id))) {
      throw alreadyExists('delivery', shipment.id);
    }
    for (const key of shipment.evidence) {
      if ((await findProductionRecord(ctx, key)) === undefined) {
        throw notFound('production record', `${key.enterpriseId}/${key.deviceId}/${key.periodStart}`);
      }
    }
    await putContract(ctx, shipped.contract);
    await putDelivery(ctx, shipped.delivery, true);
    emitEvent(ctx, 'DeliveryShipped', shipped.delivery);
    return canonicalJson(shipped.delivery);
  }

  /** The buyer confirms receipt of a delivery: the quantity accepted (at most the shipped) and when. */
  @Transaction()
  @Param('id', 'string', 'delivery id')
  @Param('receivedQty', 'string', 'units accepted, integer')
  @Param('receivedAt', 'string', 'YYYY-MM-DD or ISO-8601 time')
  @Returns('string')
  public async ReceiveDelivery(ctx: Context, id: string, receivedQty: string, receivedAt: string): Promise<string> {
    const receipt = parseReceipt(receivedQty, receivedAt);
    const actor = await requireActor(ctx);
    const delivery = await getDelivery(ctx, parseId(id, 'id'));
    const contract = await getContract(ctx, delivery.contractId);
    const received = receiveDelivery(contract, delivery, receipt, actor);
    if (compareMoments(receipt.receivedAt, txTimestamp(ctx)) > 0) {
      throw invalidArgument('receivedAt', 'must not be after the transaction time');
    }
    await putContract(ctx, received.contract);
    await putDelivery(ctx, received.delivery);
    emitEvent(ctx, 'DeliveryReceived', received.delivery);
    return canonicalJson(received.delivery);
  }

  /** The delivery; same read rule as its contract. */
  @Transaction(false)
  @Param('id', 'string', 'delivery id')
  @Returns('string')
  public async GetDelivery(ctx: Context, id: string): Promise<string> {
    const delivery = await getDelivery(ctx, parseId(id, 'id'));
    const contract = await getContract(ctx, delivery.contractId);
    await requireReadOfAny(ctx, [contract.sellerId, contract.buyerId], 'trade');
    return canonicalJson(delivery);
  }

  /** The seller invoices goods received; the total invoiced never exceeds their value. */
  @Transaction()
  @Param('invoiceJson', 'string', '{id, contractId, amount, currency, dueDate}')
  @Returns('string')
  public async IssueInvoice(ctx: Context, invoiceJson: string): Promise<string> {
    const input = parseInvoiceInput(invoiceJson);
    const actor = await requireActor(ctx);
    const contract = await getContract(ctx, input.contractId);
    const issued = issueInvoice(contract, input, actor, txTimestamp(ctx));
    await this.requireNewReceivableId(ctx, input.id, 'invoice');
    await putContract(ctx, issued.contract);
    await putInvoice(ctx, issued.invoice, true);
    emitEvent(ctx, 'InvoiceIssued', issued.invoice);
    return canonicalJson(issued.invoice);
  }

  /** The buyer acknowledges an invoice, which makes it a receivable (same id) held by the seller. */
  @Transaction()
  @Param('id', 'string', 'invoice id')
  @Returns('string')
  public async AcknowledgeInvoice(ctx: Context, id: string): Promise<string> {
    const actor = await requireActor(ctx);
    const invoice = await getInvoice(ctx, parseId(id, 'id'));
    const acknowledged = acknowledgeInvoice(invoice, actor, txTimestamp(ctx));
    await putInvoice(ctx, acknowledged.invoice);
    await putReceivable(ctx, acknowledged.receivable);
    emitEvent(ctx, 'InvoiceAcknowledged', acknowledged);
    return canonicalJson(acknowledged.invoice);
  }

  /** The invoice; same read rule as its contract. */
  @Transaction(false)
  @Param('id', 'string', 'invoice id')
  @Returns('string')
  public async GetInvoice(ctx: Context, id: string): Promise<string> {
    const invoice = await getInvoice(ctx, parseId(id, 'id'));
    await requireReadOfAny(ctx, [invoice.sellerId, invoice.buyerId], 'trade');
    return canonicalJson(invoice);
  }

  /**
   * A receivable or part: readable by the organisations of its holder, buyer and seller, by its
   * financier, and by banks with `receivables` consent from its holder or seller.
   */
  @Transaction(false)
  @Param('id', 'string', 'receivable id')
  @Returns('string')
  public async GetReceivable(ctx: Context, id: string): Promise<string> {
    const part = await getReceivable(ctx, parseId(id, 'id'));
    const invoice = await getInvoice(ctx, part.invoiceId);
    await requireReceivableRead(ctx, [part.holderId, invoice.sellerId, part.buyerId], [part.financedBy]);
    return canonicalJson(part);
  }

  /** Every part of the invoice's receivable tree (root first by id order), for anyone who may read one of them. */
  @Transaction(false)
  @Param('invoiceId', 'string', 'invoice id')
  @Returns('string')
  public async ListReceivables(ctx: Context, invoiceId: string): Promise<string> {
    const invoice = await getInvoice(ctx, parseId(invoiceId, 'invoiceId'));
    const tree = await listReceivableTree(ctx, invoice.id);
    await requireReceivableRead(
      ctx,
      [invoice.sellerId, invoice.buyerId, ...tree.map((r) => r.holderId)],
      tree.map((r) => r.financedBy),
    );
    return canonicalJson(tree);
  }

  /**
   * A bank finances an open receivable part once, with the holder's live `receivables` consent.
   * A part that is financed, or whose parent or children are, is refused with ALREADY_FINANCED.
   */
  @Transaction()
  @Param('id', 'string', 'receivable id')
  @Param('termsJson', 'string', '{advanceAmount, ratePercent}')
  @Returns('string')
  public async FinanceReceivable(ctx: Context, id: string, termsJson: string): Promise<string> {
    const terms = parseTerms(termsJson);
    const part = await getReceivable(ctx, parseId(id, 'id'));
    const { bank } = await requireConsent(ctx, part.holderId, 'receivables');
    const tree = await listReceivableTree(ctx, part.invoiceId);
    const financed = financeReceivable(part, tree, bank.id, terms, txTimestamp(ctx));
    const invoice = await getInvoice(ctx, part.invoiceId);
    if (invoice.status === 'ACKNOWLEDGED') {
      await putInvoice(ctx, { ...invoice, status: 'FINANCED' });
    }
    await putReceivable(ctx, financed, part);
    emitEvent(ctx, 'ReceivableFinanced', financed);
    return canonicalJson(financed);
  }

  /** The holder splits an open, unfinanced part into 2+ new parts whose amounts sum to it. */
  @Transaction()
  @Param('id', 'string', 'receivable id')
  @Param('partsJson', 'string', '[{id, amount}], 2 or more, summing to the amount')
  @Returns('string')
  public async SplitReceivable(ctx: Context, id: string, partsJson: string): Promise<string> {
    const parts = parseParts(partsJson);
    const actor = await requireActor(ctx);
    const part = await getReceivable(ctx, parseId(id, 'id'));
    const tree = await listReceivableTree(ctx, part.invoiceId);
    const split = splitReceivable(part, tree, parts, actor, txTimestamp(ctx));
    for (const p of parts) {
      await this.requireNewReceivableId(ctx, p.id, 'receivable');
    }
    await putReceivable(ctx, split.parent, part);
    for (const child of split.children) {
      await putReceivable(ctx, child);
    }
    emitEvent(ctx, 'ReceivableSplit', { parent: split.parent, parts: split.children });
    return canonicalJson(split.children);
  }

  /** The holder passes an open, unfinanced part to another registered SME. */
  @Transaction()
  @Param('id', 'string', 'receivable id')
  @Param('toEnterpriseId', 'string', 'the SME that receives the part')
  @Returns('string')
  public async TransferReceivable(ctx: Context, id: string, toEnterpriseId: string): Promise<string> {
    const actor = await requireActor(ctx);
    const part = await getReceivable(ctx, parseId(id, 'id'));
    const target = await getEnterprise(ctx, parseId(toEnterpriseId, 'toEnterpriseId'));
    const tree = await listReceivableTree(ctx, part.invoiceId);
    const transferred = transferReceivable(part, tree, target.id, actor, txTimestamp(ctx));
    if (target.role !== 'SME') {
      throw invalidArgument('toEnterpriseId', `must be a registered SME; ${target.id} is a ${target.role}`);
    }
    await putReceivable(ctx, transferred, part);
    emitEvent(ctx, 'ReceivableTransferred', transferred);
    return canonicalJson(transferred);
  }

  /**
   * The buyer pays an acknowledged invoice: every open part is settled, paid to its financier when
   * financed, else to its holder. A payment reference settles one invoice only.
   */
  @Transaction()
  @Param('id', 'string', 'invoice id')
  @Param('paidAt', 'string', 'YYYY-MM-DD or ISO-8601 time of the payment')
  @Param('paymentRef', 'string', 'the payment reference, unique')
  @Returns('string')
  public async SettleInvoice(ctx: Context, id: string, paidAt: string, paymentRef: string): Promise<string> {
    const payment = parsePayment(paidAt, paymentRef);
    const actor = await requireActor(ctx);
    const invoice = await getInvoice(ctx, parseId(id, 'id'));
    const tree = await listReceivableTree(ctx, invoice.id);
    const settled = settleInvoice(invoice, tree, payment, actor);
    if (compareMoments(payment.paidAt, txTimestamp(ctx)) > 0) {
      throw invalidArgument('paidAt', 'must not be after the transaction time');
    }
    const usedBy = await findInvoiceIdByPayment(ctx, payment.paymentRef);
    if (usedBy !== undefined) {
      throw conflict(`payment reference ${payment.paymentRef} already settled invoice ${usedBy}`);
    }
    await putInvoice(ctx, settled.invoice);
    const byId = new Map(tree.map((r) => [r.id, r]));
    for (const p of settled.parts) {
      await putReceivable(ctx, p, byId.get(p.id));
    }
    await putPayment(ctx, payment.paymentRef, invoice.id);
    emitEvent(ctx, 'InvoiceSettled', { invoice: settled.invoice, parts: settled.parts });
    return canonicalJson(settled.invoice);
  }

  private async proposerSide(ctx: Context, contract: TradeContract): Promise<TradeSide> {
    const side = await sideOfIdentity(ctx, contract, contract.proposedBy);
    if (side === undefined) {
      throw invalidState(`the identity that proposed contract ${contract.id} is no longer bound to one of its parties`);
    }
    return side;
  }

  /** Refuses an invoice or part id that is taken by an invoice or a receivable part. */
  private async requireNewReceivableId(ctx: Context, id: string, kind: 'invoice' | 'receivable'): Promise<void> {
    if ((await exists(ctx, recordKey(ctx, 'invoice', id))) || (await exists(ctx, recordKey(ctx, 'receivable', id)))) {
      throw alreadyExists(kind, id);
    }
  }
}
