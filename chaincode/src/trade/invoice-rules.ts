import { forbidden, invalidArgument, invalidState, limitExceeded } from '../errors';
import { fromMinorUnits, toMinorUnits } from '../ledger/money';
import type { Invoice } from './invoice';
import { proRataMinor } from './pro-rata';
import type { Receivable } from './receivable';
import type { TradeContract } from './trade-contract';
import { requireSide, type TradeActor } from './trade-party';

/** A validated invoice to issue (see `parseInvoiceInput`). */
export interface InvoiceInput {
  readonly id: string;
  readonly contractId: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly dueDate: string;
}

/** The value of the goods the buyer received under the contract, in minor units, at its average unit price. */
export function receivedValueMinor(contract: TradeContract): number {
  return proRataMinor(toMinorUnits(contract.totalAmount, 'totalAmount'), contract.receivedQty, contract.totalQty);
}

/**
 * Issues an invoice: the seller only, under a CONFIRMED (or, for goods received before, CANCELLED)
 * contract, in the contract's currency, and never above the value of the goods received less the
 * amounts already invoiced.
 */
export function issueInvoice(
  contract: TradeContract,
  input: InvoiceInput,
  actor: TradeActor,
  now: string,
): { invoice: Invoice; contract: TradeContract } {
  requireSide(contract, actor, 'seller', 'invoice under it');
  if (contract.status !== 'CONFIRMED' && contract.status !== 'CANCELLED') {
    throw invalidState(`contract ${contract.id} is ${contract.status}; invoicing needs CONFIRMED or CANCELLED`);
  }
  if (input.currency !== contract.currency) {
    throw invalidArgument('currency', `must be the contract's currency ${contract.currency}`);
  }
  const invoicedMinor = toMinorUnits(contract.invoicedAmount, 'invoicedAmount') + input.amountMinor;
  const receivedMinor = receivedValueMinor(contract);
  if (invoicedMinor > receivedMinor) {
    throw limitExceeded(
      `invoice ${input.id}: ${fromMinorUnits(invoicedMinor)} invoiced in total would be above the ${fromMinorUnits(receivedMinor)} value of the goods received under contract ${contract.id}`,
    );
  }
  const invoice: Invoice = {
    id: input.id,
    contractId: contract.id,
    sellerId: contract.sellerId,
    buyerId: contract.buyerId,
    amount: fromMinorUnits(input.amountMinor),
    currency: input.currency,
    dueDate: input.dueDate,
    status: 'ISSUED',
    issuedBy: actor.identityId,
    issuedAt: now,
  };
  return { invoice, contract: { ...contract, invoicedAmount: fromMinorUnits(invoicedMinor) } };
}

/** The buyer acknowledges an ISSUED invoice, which creates the root receivable (same id) held by the seller. */
export function acknowledgeInvoice(
  invoice: Invoice,
  actor: TradeActor,
  now: string,
): { invoice: Invoice; receivable: Receivable } {
  if (actor.enterpriseId !== invoice.buyerId) {
    throw forbiddenFor(invoice, 'buyer', 'acknowledge it');
  }
  if (invoice.status !== 'ISSUED') {
    throw invalidState(`invoice ${invoice.id} is ${invoice.status}; acknowledgement needs ISSUED`);
  }
  const receivable: Receivable = {
    id: invoice.id,
    invoiceId: invoice.id,
    buyerId: invoice.buyerId,
    holderId: invoice.sellerId,
    amount: invoice.amount,
    currency: invoice.currency,
    dueDate: invoice.dueDate,
    status: 'ACKNOWLEDGED',
    createdAt: now,
  };
  return {
    invoice: { ...invoice, status: 'ACKNOWLEDGED', acknowledgedBy: actor.identityId, acknowledgedAt: now },
    receivable,
  };
}

/** A validated payment of an invoice by its buyer. */
export interface Payment {
  readonly paidAt: string;
  readonly paymentRef: string;
}

/**
 * The buyer pays an acknowledged invoice: every open part of its receivable tree is settled,
 * paid to its financier when financed, else to its holder. Returns the invoice and the changed parts.
 */
export function settleInvoice(
  invoice: Invoice,
  tree: readonly Receivable[],
  payment: Payment,
  actor: TradeActor,
): { invoice: Invoice; parts: Receivable[] } {
  if (actor.enterpriseId !== invoice.buyerId) {
    throw forbiddenFor(invoice, 'buyer', 'settle it');
  }
  if (invoice.status !== 'ACKNOWLEDGED' && invoice.status !== 'FINANCED') {
    throw invalidState(`invoice ${invoice.id} is ${invoice.status}; settlement needs ACKNOWLEDGED or FINANCED`);
  }
  const parts = tree
    .filter((r) => r.status === 'ACKNOWLEDGED' || r.status === 'FINANCED')
    .map((r) => ({ ...r, status: 'SETTLED' as const, settledAt: payment.paidAt, paidTo: r.financedBy ?? r.holderId }));
  const settled: Invoice = {
    ...invoice,
    status: 'SETTLED',
    settledAt: payment.paidAt,
    settledBy: actor.identityId,
    paymentRef: payment.paymentRef,
  };
  return { invoice: settled, parts };
}

function forbiddenFor(invoice: Invoice, side: 'buyer' | 'seller', action: string): Error {
  const party = side === 'buyer' ? invoice.buyerId : invoice.sellerId;
  return forbidden(`only the ${side} (${party}) of invoice ${invoice.id} may ${action}`);
}
