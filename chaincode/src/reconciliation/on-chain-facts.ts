import type { Context } from 'fabric-contract-api';
import {
  findContract,
  findDelivery,
  findInvoice,
  findInvoiceIdByPayment,
  listContractIdsOf,
  listDeliveries,
  listInvoices,
} from '../trade/trade-store';
import type { TradeContract } from '../trade/trade-contract';
import type { Delivery } from '../trade/delivery';
import type { Invoice } from '../trade/invoice';
import { compareMoments } from '../trade/trade-time';
import { lineKey, type OnChainFact } from './matching';
import type { LineValues, Period, StatementLine } from './reconciliation';

function between(parties: ReadonlySet<string>, record: Pick<TradeContract, 'buyerId' | 'sellerId'>): boolean {
  return parties.has(record.buyerId) && parties.has(record.sellerId);
}

function inPeriod(period: Period, moment: string | undefined): boolean {
  return moment !== undefined && compareMoments(moment, period.from) >= 0 && compareMoments(moment, period.to) < 0;
}

/** What the ledger records for a delivery: the received quantity, else the shipped one. */
function deliveryValues(d: Delivery): LineValues {
  return { qty: d.receivedQty ?? d.qty };
}

async function deliveryFact(ctx: Context, parties: ReadonlySet<string>, ref: string): Promise<LineValues | undefined> {
  const delivery = await findDelivery(ctx, ref);
  if (delivery === undefined) return undefined;
  const contract = await findContract(ctx, delivery.contractId);
  return contract !== undefined && between(parties, contract) ? deliveryValues(delivery) : undefined;
}

async function invoiceFact(ctx: Context, parties: ReadonlySet<string>, ref: string): Promise<LineValues | undefined> {
  const invoice = await findInvoice(ctx, ref);
  return invoice !== undefined && between(parties, invoice) ? { amount: invoice.amount } : undefined;
}

async function paymentFact(ctx: Context, parties: ReadonlySet<string>, ref: string): Promise<LineValues | undefined> {
  const invoiceId = await findInvoiceIdByPayment(ctx, ref);
  if (invoiceId === undefined) return undefined;
  const invoice = await findInvoice(ctx, invoiceId);
  return invoice !== undefined && between(parties, invoice) ? { amount: invoice.amount } : undefined;
}

/**
 * What the ledger records for each stated line, keyed by `lineKey`; a line is left out when the
 * ledger holds no such delivery, invoice or payment between two of the parties.
 */
export async function factsForLines(
  ctx: Context,
  parties: readonly string[],
  lines: readonly StatementLine[],
): Promise<Map<string, LineValues>> {
  const set = new Set(parties);
  const facts = new Map<string, LineValues>();
  for (const line of lines) {
    const key = lineKey(line.kind, line.ref);
    if (facts.has(key)) continue;
    const values =
      line.kind === 'DELIVERY'
        ? await deliveryFact(ctx, set, line.ref)
        : line.kind === 'INVOICE'
          ? await invoiceFact(ctx, set, line.ref)
          : await paymentFact(ctx, set, line.ref);
    if (values !== undefined) facts.set(key, values);
  }
  return facts;
}

/**
 * Ledger records between the parties in the period that no statement lists: deliveries shipped,
 * invoices issued and invoices settled (as payments, by reference) within `[from, to)`.
 */
export async function unreportedFacts(
  ctx: Context,
  parties: readonly string[],
  period: Period,
  stated: ReadonlySet<string>,
): Promise<OnChainFact[]> {
  const set = new Set(parties);
  const contractIds = new Set<string>();
  for (const party of parties) {
    for (const id of await listContractIdsOf(ctx, party)) contractIds.add(id);
  }
  const facts: OnChainFact[] = [];
  const add = (fact: OnChainFact): void => {
    if (!stated.has(lineKey(fact.kind, fact.ref))) facts.push(fact);
  };
  for (const id of [...contractIds].sort()) {
    const contract = await findContract(ctx, id);
    if (contract === undefined || !between(set, contract)) continue;
    for (const d of await listDeliveries(ctx, id)) {
      if (inPeriod(period, d.shippedAt)) add({ kind: 'DELIVERY', ref: d.id, values: deliveryValues(d) });
    }
    const invoices: Invoice[] = await listInvoices(ctx, id);
    for (const inv of invoices) {
      if (inPeriod(period, inv.issuedAt)) add({ kind: 'INVOICE', ref: inv.id, values: { amount: inv.amount } });
      if (inv.paymentRef !== undefined && inPeriod(period, inv.settledAt)) {
        add({ kind: 'PAYMENT', ref: inv.paymentRef, values: { amount: inv.amount } });
      }
    }
  }
  return facts;
}
