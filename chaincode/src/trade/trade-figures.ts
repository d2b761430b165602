import type { JsonObject } from '../ledger/store';
import { fromMinorUnits, toMinorUnits } from '../ledger/money';
import { utcDay } from '../ledger/time';
import { factor, round, type ProfileFactor } from '../profile/profile-factor';
import type { SectionResult } from '../profile/profile-section';
import type { ProfileWindow } from '../profile/profile-window';
import type { Reconciliation } from '../reconciliation/reconciliation';
import type { Delivery } from './delivery';
import type { Invoice } from './invoice';
import type { Receivable } from './receivable';
import type { TradeContract } from './trade-contract';
import { compareMoments } from './trade-time';

/** Weights of the trade factors (relative, in the same sum as the production factors). */
export const TRADE_WEIGHTS = {
  contractFulfilment: 150,
  onTimeDelivery: 100,
  receivablesCurrent: 100,
  settlementOnTime: 100,
  reconciliationMatch: 100,
} as const;

/** Most record ids listed in one factor's `basis.keys`; `basis.keysTruncated` says when more were used. */
export const MAX_BASIS_KEYS = 100;

/** What the trade figures of an enterprise are computed from. */
export interface TradeEvidence {
  /** Contracts the enterprise is the seller of (any status). */
  readonly contracts: readonly TradeContract[];
  /** Deliveries of those contracts, by contract id. */
  readonly deliveries: ReadonlyMap<string, readonly Delivery[]>;
  /** Invoices of those contracts. */
  readonly invoices: readonly Invoice[];
  /** Receivable parts the enterprise holds now. */
  readonly receivables: readonly Receivable[];
  /** Reconciliations the enterprise is a party of. */
  readonly reconciliations: readonly Reconciliation[];
}

function dayIn(window: ProfileWindow, moment: string): boolean {
  const day = utcDay(moment);
  return day >= window.fromDay && day <= window.toDay;
}

function byWindowEnd(window: ProfileWindow, moment: string | undefined): boolean {
  return moment !== undefined && utcDay(moment) <= window.toDay;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

function keys(recordType: string, ids: readonly string[]): JsonObject {
  return {
    recordType,
    keys: ids.slice(0, MAX_BASIS_KEYS),
    ...(ids.length > MAX_BASIS_KEYS ? { keysTruncated: true } : {}),
  };
}

function r6(v: number | null): number | null {
  return v === null ? null : round(v, 6);
}

/** Sums of amounts per currency, in minor units while summing. */
function addAmount(totals: Map<string, number>, currency: string, amount: number): void {
  totals.set(currency, (totals.get(currency) ?? 0) + toMinorUnits(amount, 'amount'));
}

/**
 * The trade section of a credit profile: how the enterprise, as a seller, fulfils its confirmed
 * purchase orders and delivers on time, how its acknowledged receivables stand, whether its buyers
 * pay on time, and how its reconciliations match. Pure: `tradeSection` reads the evidence.
 */
export function tradeFigures(window: ProfileWindow, evidence: TradeEvidence): SectionResult {
  // Confirmed purchase orders due in the window; goods counted when received by the window's end.
  const due = evidence.contracts.filter(
    (c) => c.sellerId === window.enterpriseId && c.status === 'CONFIRMED' && dayIn(window, c.deliveryDue),
  );
  let contractedQty = 0;
  let receivedQty = 0;
  let onTimeQty = 0;
  let deliveriesCounted = 0;
  for (const c of due) {
    contractedQty += c.totalQty;
    let received = 0;
    for (const d of evidence.deliveries.get(c.id) ?? []) {
      if (d.status !== 'RECEIVED' || d.receivedQty === undefined || !byWindowEnd(window, d.receivedAt)) continue;
      deliveriesCounted += 1;
      received += d.receivedQty;
      if (d.receivedAt !== undefined && compareMoments(d.receivedAt, c.deliveryDue) <= 0) onTimeQty += d.receivedQty;
    }
    receivedQty += Math.min(received, c.totalQty);
  }
  const fulfilment = ratio(receivedQty, contractedQty);
  const onTimeRate = ratio(Math.min(onTimeQty, receivedQty), receivedQty);

  // Acknowledged invoices due in the window: paid by their due date (and by the window's end) or not.
  const invoicesDue = evidence.invoices.filter(
    (i) => i.sellerId === window.enterpriseId && i.status !== 'ISSUED' && dayIn(window, i.dueDate),
  );
  const paidOnTime = invoicesDue.filter(
    (i) =>
      i.status === 'SETTLED' && byWindowEnd(window, i.settledAt) && compareMoments(i.settledAt ?? '', i.dueDate) <= 0,
  );
  const paidLate = invoicesDue.filter(
    (i) =>
      i.status === 'SETTLED' && byWindowEnd(window, i.settledAt) && compareMoments(i.settledAt ?? '', i.dueDate) > 0,
  );
  const settlementOnTime = ratio(paidOnTime.length, invoicesDue.length);

  // Receivable parts held now, acknowledged by the window's end and not settled.
  const open = evidence.receivables.filter(
    (r) =>
      r.holderId === window.enterpriseId &&
      (r.status === 'ACKNOWLEDGED' || r.status === 'FINANCED') &&
      byWindowEnd(window, r.createdAt),
  );
  const overdue = open.filter((r) => compareMoments(r.dueDate, window.asOf) < 0);
  const outstanding = new Map<string, number>();
  const financed = new Map<string, number>();
  const buyers = new Map<string, { buyerId: string; currency: string; minor: number; parts: number }>();
  for (const r of open) {
    addAmount(outstanding, r.currency, r.amount);
    if (r.status === 'FINANCED') addAmount(financed, r.currency, r.amount);
    const key = `${r.buyerId}\u0000${r.currency}`;
    const b = buyers.get(key) ?? { buyerId: r.buyerId, currency: r.currency, minor: 0, parts: 0 };
    b.minor += toMinorUnits(r.amount, 'amount');
    b.parts += 1;
    buyers.set(key, b);
  }
  const receivablesCurrent = ratio(open.length - overdue.length, open.length);

  // Reconciliations completed in the window.
  const reconciled = evidence.reconciliations.filter(
    (r) =>
      r.status === 'COMPLETED' && r.result !== undefined && r.completedAt !== undefined && dayIn(window, r.completedAt),
  );
  const sumResult = (pick: (res: NonNullable<Reconciliation['result']>) => number): number =>
    reconciled.reduce((acc, r) => acc + (r.result === undefined ? 0 : pick(r.result)), 0);
  const matched = sumResult((res) => res.matched);
  const mismatched = sumResult((res) => res.mismatched);
  const missing = sumResult((res) => res.missing);
  const matchRate = ratio(matched, matched + mismatched + missing);

  const w = TRADE_WEIGHTS;
  const contractBasis = {
    contracts: due.length,
    deliveries: deliveriesCounted,
    ...keys(
      'contract',
      due.map((c) => c.id),
    ),
  };
  const factors: ProfileFactor[] = [
    factor('contractFulfilment', fulfilment, (v) => v, w.contractFulfilment, contractBasis),
    factor('onTimeDelivery', onTimeRate, (v) => v, w.onTimeDelivery, contractBasis),
    factor('receivablesCurrent', receivablesCurrent, (v) => v, w.receivablesCurrent, {
      receivables: open.length,
      overdue: overdue.length,
      buyers: [...new Set(open.map((r) => r.buyerId))].sort(),
      ...keys(
        'receivable',
        open.map((r) => r.id),
      ),
    }),
    factor('settlementOnTime', settlementOnTime, (v) => v, w.settlementOnTime, {
      invoices: invoicesDue.length,
      ...keys(
        'invoice',
        invoicesDue.map((i) => i.id),
      ),
    }),
    factor('reconciliationMatch', matchRate, (v) => v, w.reconciliationMatch, {
      reconciliations: reconciled.length,
      lines: matched + mismatched + missing,
      ...keys(
        'reconciliation',
        reconciled.map((r) => r.id),
      ),
    }),
  ];
  const amounts = (m: Map<string, number>): JsonObject[] =>
    [...m.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, minor]) => ({ currency, amount: fromMinorUnits(minor) }));
  return {
    figures: {
      contractsDue: due.length,
      contractedQty,
      receivedQty,
      onTimeQty: Math.min(onTimeQty, receivedQty),
      contractFulfilment: r6(fulfilment),
      onTimeDeliveryRate: r6(onTimeRate),
      invoicesDue: invoicesDue.length,
      invoicesPaidOnTime: paidOnTime.length,
      invoicesPaidLate: paidLate.length,
      invoicesUnpaid: invoicesDue.length - paidOnTime.length - paidLate.length,
      settlementOnTimeRate: r6(settlementOnTime),
      receivablesOutstanding: {
        parts: open.length,
        overdueParts: overdue.length,
        byCurrency: amounts(outstanding),
        financedByCurrency: amounts(financed),
        buyers: [...buyers.values()]
          .sort((a, b) => (a.buyerId < b.buyerId ? -1 : a.buyerId > b.buyerId ? 1 : a.currency < b.currency ? -1 : 1))
          .map((b) => ({ buyerId: b.buyerId, currency: b.currency, amount: fromMinorUnits(b.minor), parts: b.parts })),
      },
      receivablesCurrentRate: r6(receivablesCurrent),
      reconciliations: reconciled.length,
      reconciledLines: { matched, mismatched, missing },
      reconciliationMatchRate: r6(matchRate),
    },
    factors,
    computedFrom: {
      contracts: evidence.contracts.length,
      deliveries: [...evidence.deliveries.values()].reduce((acc, list) => acc + list.length, 0),
      invoices: evidence.invoices.length,
      receivables: evidence.receivables.length,
      reconciliations: evidence.reconciliations.length,
    },
  };
}
