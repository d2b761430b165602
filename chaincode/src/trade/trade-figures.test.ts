import { ProfileContract } from '../profile/profile-contract';
import { parseProfileWindow } from '../profile/profile-window';
import type { Reconciliation } from '../reconciliation/reconciliation';
import { TradeFixture } from '../testing/trade-fixture';
import type { Delivery } from './delivery';
import type { Invoice } from './invoice';
import type { Receivable } from './receivable';
import type { TradeContract } from './trade-contract';
import { tradeFigures } from './trade-figures';
import { TradeTransactions } from './trade-transactions';

const window = parseProfileWindow('sme-1', '90', '2024-03-31');

function contract(
  id: string,
  status: TradeContract['status'],
  deliveryDue: string,
  totalQty: number,
  sellerId = 'sme-1',
): TradeContract {
  return {
    id,
    buyerId: sellerId === 'sme-1' ? 'core-1' : 'sme-1',
    sellerId,
    documentHash: id.padEnd(64, '0'),
    lines: [{ sku: 'x', qty: totalQty, unitPrice: 1 }],
    currency: 'USD',
    deliveryDue,
    paymentTermsDays: 30,
    totalQty,
    totalAmount: totalQty,
    status,
    proposedBy: 'u',
    proposedAt: '2024-01-05T00:00:00.000Z',
    shippedQty: 0,
    receivedQty: 0,
    invoicedAmount: 0,
  };
}

function delivery(id: string, contractId: string, qty: number, receivedAt?: string): Delivery {
  return {
    id,
    contractId,
    qty,
    shippedAt: '2024-02-01T00:00:00.000Z',
    evidence: [],
    status: receivedAt === undefined ? 'SHIPPED' : 'RECEIVED',
    shippedBy: 'u',
    recordedAt: '2024-02-01T00:00:00.000Z',
    ...(receivedAt === undefined ? {} : { receivedQty: qty, receivedAt, receivedBy: 'b' }),
  };
}

function invoice(id: string, status: Invoice['status'], dueDate: string, settledAt?: string): Invoice {
  return {
    id,
    contractId: 'c1',
    sellerId: 'sme-1',
    buyerId: 'core-1',
    amount: 10,
    currency: 'USD',
    dueDate,
    status,
    issuedBy: 'u',
    issuedAt: '2024-02-01T00:00:00.000Z',
    ...(settledAt === undefined ? {} : { settledAt, paymentRef: `pay-${id}` }),
  };
}

function part(
  id: string,
  status: Receivable['status'],
  buyerId: string,
  currency: string,
  amount: number,
  dueDate: string,
  createdAt = '2024-03-01T00:00:00.000Z',
): Receivable {
  return { id, invoiceId: id, buyerId, holderId: 'sme-1', amount, currency, dueDate, status, createdAt };
}

function reconciliation(
  id: string,
  status: Reconciliation['status'],
  completedAt: string,
  counts: [number, number, number],
): Reconciliation {
  return {
    id,
    period: { from: '2024-01-01', to: '2024-02-01' },
    parties: ['sme-1', 'core-1'],
    openedBy: 'u',
    openedAt: '2023-11-01T00:00:00.000Z',
    submitted: ['sme-1', 'core-1'],
    statements: {},
    status,
    ...(status === 'COMPLETED'
      ? { completedAt, result: { matched: counts[0], mismatched: counts[1], missing: counts[2], lines: [] } }
      : {}),
  };
}

describe('tradeFigures', () => {
  const result = tradeFigures(window, {
    contracts: [
      contract('c1', 'CONFIRMED', '2024-02-15', 1000),
      contract('c2', 'CONFIRMED', '2024-03-10', 500),
      contract('c3', 'CONFIRMED', '2024-05-01', 300),
      contract('c4', 'CANCELLED', '2024-02-01', 400),
      contract('c5', 'CONFIRMED', '2024-03-20T12:00:00.000Z', 200),
      contract('c6', 'CONFIRMED', '2024-02-15', 700, 'sme-2'),
    ],
    deliveries: new Map([
      [
        'c1',
        [delivery('d1', 'c1', 600, '2024-02-10'), delivery('d2', 'c1', 300, '2024-02-20'), delivery('d3', 'c1', 100)],
      ],
      ['c2', [delivery('d4', 'c2', 500, '2024-03-10')]],
      ['c3', [delivery('d6', 'c3', 300, '2024-03-01')]],
      ['c5', [delivery('d5', 'c5', 200, '2024-04-02')]],
      ['c6', [delivery('d7', 'c6', 700, '2024-02-01')]],
    ]),
    invoices: [
      invoice('i1', 'SETTLED', '2024-02-28', '2024-02-27'),
      invoice('i2', 'SETTLED', '2024-03-05', '2024-03-07T09:00:00.000Z'),
      invoice('i3', 'ACKNOWLEDGED', '2024-03-15'),
      invoice('i4', 'ISSUED', '2024-03-01'),
      invoice('i5', 'FINANCED', '2024-06-01'),
      invoice('i6', 'SETTLED', '2024-03-30', '2024-04-05'),
    ],
    receivables: [
      part('r1', 'ACKNOWLEDGED', 'core-1', 'USD', 100, '2024-04-30'),
      part('r2', 'FINANCED', 'core-1', 'USD', 50.5, '2024-03-15'),
      part('r3', 'ACKNOWLEDGED', 'core-2', 'EUR', 70, '2024-05-01'),
      part('r4', 'SETTLED', 'core-1', 'USD', 10, '2024-03-01'),
      part('r5', 'SPLIT', 'core-1', 'USD', 10, '2024-03-01'),
      part('r6', 'ACKNOWLEDGED', 'core-1', 'USD', 10, '2024-05-01', '2024-04-10T00:00:00.000Z'),
    ],
    reconciliations: [
      reconciliation('rec1', 'COMPLETED', '2024-03-01T10:00:00.000Z', [3, 1, 0]),
      reconciliation('rec2', 'COMPLETED', '2024-03-20T10:00:00.000Z', [4, 0, 2]),
      reconciliation('rec3', 'OPEN', '', [0, 0, 0]),
      reconciliation('rec4', 'COMPLETED', '2023-12-01T10:00:00.000Z', [0, 5, 0]),
    ],
  });
  const value = (name: string): number | null | undefined => result.factors.find((f) => f.name === name)?.value;

  it('measures fulfilment of the confirmed orders due in the window by the units received by its end', () => {
    // c1 (1000): 900 received; c2 (500): 500; c5 (200): received after the window. c3 due later, c4 cancelled, c6 sold by another SME.
    expect(result.figures).toMatchObject({ contractsDue: 3, contractedQty: 1700, receivedQty: 1400 });
    expect(value('contractFulfilment')).toBeCloseTo(1400 / 1700, 12);
    expect(result.factors.find((f) => f.name === 'contractFulfilment')?.basis).toMatchObject({
      contracts: 3,
      deliveries: 3,
      recordType: 'contract',
      keys: ['c1', 'c2', 'c5'],
    });
  });

  it('counts units received on or before the due date as on time', () => {
    // d1 (600) before the due date, d4 (500) on it; d2 (300) after.
    expect(result.figures).toMatchObject({ onTimeQty: 1100 });
    expect(value('onTimeDelivery')).toBeCloseTo(1100 / 1400, 12);
  });

  it('measures settlement of the acknowledged invoices due in the window', () => {
    expect(result.figures).toMatchObject({
      invoicesDue: 4,
      invoicesPaidOnTime: 1,
      invoicesPaidLate: 1,
      invoicesUnpaid: 2,
    });
    expect(value('settlementOnTime')).toBe(0.25);
  });

  it('lists the open receivables held, by currency and buyer, and the share not overdue', () => {
    expect(result.figures.receivablesOutstanding).toEqual({
      parts: 3,
      overdueParts: 1,
      byCurrency: [
        { currency: 'EUR', amount: 70 },
        { currency: 'USD', amount: 150.5 },
      ],
      financedByCurrency: [{ currency: 'USD', amount: 50.5 }],
      buyers: [
        { buyerId: 'core-1', currency: 'USD', amount: 150.5, parts: 2 },
        { buyerId: 'core-2', currency: 'EUR', amount: 70, parts: 1 },
      ],
    });
    expect(value('receivablesCurrent')).toBeCloseTo(2 / 3, 12);
    expect(result.factors.find((f) => f.name === 'receivablesCurrent')?.basis).toMatchObject({
      buyers: ['core-1', 'core-2'],
      keys: ['r1', 'r2', 'r3'],
    });
  });

  it('measures the matched share of the lines of reconciliations completed in the window', () => {
    expect(result.figures).toMatchObject({
      reconciliations: 2,
      reconciledLines: { matched: 7, mismatched: 1, missing: 2 },
    });
    expect(value('reconciliationMatch')).toBe(0.7);
  });

  it('leaves a factor without data out of the score', () => {
    const empty = tradeFigures(window, {
      contracts: [],
      deliveries: new Map(),
      invoices: [],
      receivables: [],
      reconciliations: [],
    });
    expect(empty.factors.map((f) => [f.name, f.value, f.normalized])).toEqual([
      ['contractFulfilment', null, null],
      ['onTimeDelivery', null, null],
      ['receivablesCurrent', null, null],
      ['settlementOnTime', null, null],
      ['reconciliationMatch', null, null],
    ]);
  });
});

describe('the trade factors in the credit profile', () => {
  it('join the score with their weights and contributions, from the ledger records', async () => {
    const f = await new TradeFixture().seed();
    const trade = new TradeTransactions();
    await f.ok(f.sme.user, (ctx) =>
      trade.ProposeContract(
        ctx,
        JSON.stringify({
          id: 'po-1',
          buyerId: 'core-1',
          sellerId: 'sme-1',
          documentHash: 'e'.repeat(64),
          lines: [{ sku: 'bolt', qty: 1000, unitPrice: 0.95 }],
          currency: 'USD',
          deliveryDue: '2024-04-30',
          paymentTermsDays: 30,
        }),
      ),
    );
    await f.ok(f.buyer.user, (ctx) => trade.ConfirmContract(ctx, 'po-1'));
    await f.ok(f.sme.user, (ctx) =>
      trade.ShipDelivery(
        ctx,
        JSON.stringify({
          id: 'dl-1',
          contractId: 'po-1',
          qty: 600,
          shippedAt: '2024-02-20T10:00:00Z',
          evidence: f.evidence,
        }),
      ),
    );
    await f.ok(f.buyer.user, (ctx) => trade.ReceiveDelivery(ctx, 'dl-1', '600', '2024-02-22'));
    await f.ok(f.sme.user, (ctx) =>
      trade.IssueInvoice(
        ctx,
        JSON.stringify({ id: 'inv-1', contractId: 'po-1', amount: 570, currency: 'USD', dueDate: '2024-05-31' }),
      ),
    );
    await f.ok(f.buyer.user, (ctx) => trade.AcknowledgeInvoice(ctx, 'inv-1'));

    interface Profile {
      score: number;
      factors: { name: string; value: number | null; weight: number; contribution: number }[];
      trade: Record<string, unknown>;
      computedFrom: Record<string, number>;
    }
    const profile = await f.ok<Profile>(f.bank.user, (ctx) =>
      new ProfileContract().GetCreditProfile(ctx, 'sme-1', '90', '2024-04-30'),
    );
    const trades = profile.factors.filter((x) =>
      [
        'contractFulfilment',
        'onTimeDelivery',
        'receivablesCurrent',
        'settlementOnTime',
        'reconciliationMatch',
      ].includes(x.name),
    );
    // Fulfilment 600/1000, on time 600/600, the one receivable not overdue; no invoice due, no reconciliation.
    expect(trades.map((x) => [x.name, x.value, x.weight])).toEqual([
      ['contractFulfilment', 0.6, 150],
      ['onTimeDelivery', 1, 100],
      ['receivablesCurrent', 1, 100],
      ['settlementOnTime', null, 100],
      ['reconciliationMatch', null, 100],
    ]);
    // The fixture's production records carry no per-day summaries, so only trade factors score here.
    expect(profile.factors.filter((x) => x.value !== null).map((x) => x.name)).toEqual([
      'contractFulfilment',
      'onTimeDelivery',
      'receivablesCurrent',
    ]);
    const total = 150 + 100 + 100;
    expect(trades.map((x) => x.contribution)).toEqual([
      Math.round((100_000 * 150 * 0.6) / total) / 100,
      Math.round((100_000 * 100) / total) / 100,
      Math.round((100_000 * 100) / total) / 100,
      0,
      0,
    ]);
    expect(profile.score).toBe(Math.round((1000 * (150 * 0.6 + 100 + 100)) / total));
    expect(profile.trade).toMatchObject({ contractsDue: 1, contractedQty: 1000, receivedQty: 600 });
    expect(profile.computedFrom).toMatchObject({
      contracts: 1,
      deliveries: 1,
      invoices: 1,
      receivables: 1,
      reconciliations: 0,
    });
  });
});
