import { TradeFixture } from '../testing/trade-fixture';
import { TradeTransactions } from '../trade/trade-transactions';
import type { Reconciliation } from './reconciliation';
import { ReconciliationContract } from './reconciliation-contract';

const trade = new TradeTransactions();
const recon = new ReconciliationContract();
const period = JSON.stringify({ from: '2024-02-01', to: '2024-04-01' });
const parties = JSON.stringify(['sme-1', 'core-1']);

/**
 * A trade between sme-1 and core-1: po-1 confirmed, dl-1 (600) and dl-2 (100) shipped and
 * received as 600 and 95, invoice inv-1 of 570 acknowledged and settled with payment wire-1.
 */
async function tradedFixture(): Promise<TradeFixture> {
  const f = await new TradeFixture().seed();
  await f.ok(f.sme.user, (ctx) =>
    trade.ProposeContract(
      ctx,
      JSON.stringify({
        id: 'po-1',
        buyerId: 'core-1',
        sellerId: 'sme-1',
        documentHash: 'c'.repeat(64),
        lines: [{ sku: 'bolt', qty: 1000, unitPrice: 0.95 }],
        currency: 'USD',
        deliveryDue: '2024-04-30',
        paymentTermsDays: 30,
      }),
    ),
  );
  await f.ok(f.buyer.user, (ctx) => trade.ConfirmContract(ctx, 'po-1'));
  for (const [id, qty, received] of [
    ['dl-1', 600, '600'],
    ['dl-2', 100, '95'],
  ] as const) {
    await f.ok(f.sme.user, (ctx) =>
      trade.ShipDelivery(
        ctx,
        JSON.stringify({ id, contractId: 'po-1', qty, shippedAt: '2024-02-20T10:00:00Z', evidence: f.evidence }),
      ),
    );
    await f.ok(f.buyer.user, (ctx) => trade.ReceiveDelivery(ctx, id, received, '2024-02-22'));
  }
  await f.ok(f.sme.user, (ctx) =>
    trade.IssueInvoice(
      ctx,
      JSON.stringify({ id: 'inv-1', contractId: 'po-1', amount: 570, currency: 'USD', dueDate: '2024-03-31' }),
    ),
  );
  await f.ok(f.buyer.user, (ctx) => trade.AcknowledgeInvoice(ctx, 'inv-1'));
  await f.ok(f.buyer.user, (ctx) => trade.SettleInvoice(ctx, 'inv-1', '2024-02-28', 'wire-1'));
  return f;
}

describe('reconciliation', () => {
  it('is opened by a party for a period and 2+ registered parties', async () => {
    const f = await tradedFixture();
    await f.refused(f.sme2.user, (ctx) => recon.OpenReconciliation(ctx, 'r-1', period, parties), 'FORBIDDEN');
    await f.refused(f.unbound, (ctx) => recon.OpenReconciliation(ctx, 'r-1', period, parties), 'FORBIDDEN');
    await f.refused(f.sme.user, (ctx) => recon.OpenReconciliation(ctx, 'r-1', period, '["sme-1"]'), 'INVALID_ARGUMENT');
    await f.refused(
      f.sme.user,
      (ctx) => recon.OpenReconciliation(ctx, 'r-1', period, '["sme-1","sme-1"]'),
      'INVALID_ARGUMENT',
    );
    await f.refused(
      f.sme.user,
      (ctx) => recon.OpenReconciliation(ctx, 'r-1', period, '["sme-1","ghost"]'),
      'NOT_FOUND',
    );
    await f.refused(
      f.sme.user,
      (ctx) => recon.OpenReconciliation(ctx, 'r-1', JSON.stringify({ from: '2024-04-01', to: '2024-02-01' }), parties),
      'INVALID_ARGUMENT',
    );
    const out = await f.run<Reconciliation>(f.sme.user, (ctx) => recon.OpenReconciliation(ctx, 'r-1', period, parties));
    expect(out.result).toEqual({
      id: 'r-1',
      period: { from: '2024-02-01', to: '2024-04-01' },
      parties: ['sme-1', 'core-1'],
      openedBy: f.sme.user.getID(),
      openedAt: out.result.openedAt,
      submitted: [],
      statements: {},
      status: 'OPEN',
    });
    expect(out.events).toEqual([{ name: 'ReconciliationOpened', payload: out.result }]);
    await f.refused(f.buyer.user, (ctx) => recon.OpenReconciliation(ctx, 'r-1', period, parties), 'ALREADY_EXISTS');
  });

  it('takes one statement per party, hides it from the others until complete, then reports every line', async () => {
    const f = await tradedFixture();
    await f.ok(f.buyer.user, (ctx) => recon.OpenReconciliation(ctx, 'r-1', period, parties));
    const smeLines = [
      { ref: 'dl-1', kind: 'DELIVERY', qty: 600 },
      { ref: 'dl-2', kind: 'DELIVERY', qty: 100 },
      { ref: 'inv-1', kind: 'INVOICE', amount: 570 },
      { ref: 'wire-1', kind: 'PAYMENT', amount: 570 },
    ];
    const coreLines = [
      { ref: 'dl-1', kind: 'DELIVERY', qty: 600 },
      { ref: 'dl-2', kind: 'DELIVERY', qty: 95 },
      { ref: 'inv-1', kind: 'INVOICE', amount: 570 },
    ];
    await f.refused(f.sme2.user, (ctx) => recon.SubmitStatement(ctx, 'r-1', JSON.stringify(smeLines)), 'FORBIDDEN');
    await f.refused(
      f.sme.user,
      (ctx) => recon.SubmitStatement(ctx, 'r-1', JSON.stringify([{ ref: 'dl-1', kind: 'DELIVERY' }])),
      'INVALID_ARGUMENT',
    );
    await f.refused(
      f.sme.user,
      (ctx) => recon.SubmitStatement(ctx, 'r-1', JSON.stringify([smeLines[0], smeLines[0]])),
      'INVALID_ARGUMENT',
    );
    const first = await f.run<Reconciliation>(f.sme.user, (ctx) =>
      recon.SubmitStatement(ctx, 'r-1', JSON.stringify(smeLines)),
    );
    expect(first.result).toMatchObject({ status: 'OPEN', submitted: ['sme-1'], statements: { 'sme-1': smeLines } });
    expect(first.events[0]?.name).toBe('StatementSubmitted');
    expect(first.events[0]?.payload).toMatchObject({ statements: {} });
    const seenByBuyer = await f.ok<Reconciliation>(f.buyer.user, (ctx) => recon.GetReconciliation(ctx, 'r-1'));
    expect(seenByBuyer).toMatchObject({ submitted: ['sme-1'], statements: {} });
    await f.refused(f.sme.user, (ctx) => recon.SubmitStatement(ctx, 'r-1', JSON.stringify(smeLines)), 'CONFLICT');

    const done = await f.run<Reconciliation>(f.buyer.user, (ctx) =>
      recon.SubmitStatement(ctx, 'r-1', JSON.stringify(coreLines)),
    );
    expect(done.events).toEqual([{ name: 'ReconciliationCompleted', payload: done.result }]);
    expect(done.result.status).toBe('COMPLETED');
    expect(done.result.statements).toEqual({ 'sme-1': smeLines, 'core-1': coreLines });
    expect(done.result.result).toEqual({
      matched: 2,
      mismatched: 1,
      missing: 1,
      lines: [
        {
          ref: 'dl-1',
          kind: 'DELIVERY',
          status: 'MATCHED',
          values: { 'sme-1': { qty: 600 }, 'core-1': { qty: 600 } },
          onChain: { qty: 600 },
          missingFrom: [],
        },
        {
          ref: 'dl-2',
          kind: 'DELIVERY',
          status: 'MISMATCHED',
          values: { 'sme-1': { qty: 100 }, 'core-1': { qty: 95 } },
          onChain: { qty: 95 },
          missingFrom: [],
          reason: 'qty differs: sme-1 100, core-1 95, ledger 95',
        },
        {
          ref: 'inv-1',
          kind: 'INVOICE',
          status: 'MATCHED',
          values: { 'sme-1': { amount: 570 }, 'core-1': { amount: 570 } },
          onChain: { amount: 570 },
          missingFrom: [],
        },
        {
          ref: 'wire-1',
          kind: 'PAYMENT',
          status: 'MISSING',
          values: { 'sme-1': { amount: 570 }, 'core-1': null },
          onChain: { amount: 570 },
          missingFrom: ['core-1'],
          reason: 'missing from core-1',
        },
      ],
    });
    await f.refused(f.buyer.user, (ctx) => recon.SubmitStatement(ctx, 'r-1', JSON.stringify(coreLines)), 'CONFLICT');
    const read = await f.ok<Reconciliation>(f.bank.user, (ctx) => recon.GetReconciliation(ctx, 'r-1'));
    expect(read).toEqual(done.result);
    await f.refused(f.bank2.user, (ctx) => recon.GetReconciliation(ctx, 'r-1'), 'CONSENT_REQUIRED');
  });

  it('reports ledger records of the period between the parties that no statement lists', async () => {
    const f = await tradedFixture();
    await f.ok(f.sme.user, (ctx) => recon.OpenReconciliation(ctx, 'r-2', period, parties));
    await f.ok(f.sme.user, (ctx) => recon.SubmitStatement(ctx, 'r-2', '[]'));
    const done = await f.ok<Reconciliation>(f.buyer.user, (ctx) =>
      recon.SubmitStatement(ctx, 'r-2', JSON.stringify([{ ref: 'dl-9', kind: 'DELIVERY', qty: 1 }])),
    );
    expect(done.result?.lines.map((l) => [l.kind, l.ref, l.status, l.missingFrom.join('+')])).toEqual([
      ['DELIVERY', 'dl-1', 'MISSING', 'sme-1+core-1'],
      ['DELIVERY', 'dl-2', 'MISSING', 'sme-1+core-1'],
      ['DELIVERY', 'dl-9', 'MISSING', 'sme-1'],
      ['INVOICE', 'inv-1', 'MISSING', 'sme-1+core-1'],
      ['PAYMENT', 'wire-1', 'MISSING', 'sme-1+core-1'],
    ]);
    expect(done.result?.lines[2]?.onChain).toBeNull();
  });

  it('does not show ledger records of other parties: a party cannot probe trade it is not part of', async () => {
    const f = await tradedFixture();
    await f.ok(f.sme2.user, (ctx) => recon.OpenReconciliation(ctx, 'r-3', period, '["sme-2","core-1"]'));
    const line = [{ ref: 'dl-1', kind: 'DELIVERY', qty: 600 }];
    await f.ok(f.sme2.user, (ctx) => recon.SubmitStatement(ctx, 'r-3', JSON.stringify(line)));
    const done = await f.ok<Reconciliation>(f.buyer.user, (ctx) =>
      recon.SubmitStatement(ctx, 'r-3', JSON.stringify(line)),
    );
    expect(done.result).toMatchObject({ matched: 0, mismatched: 1, missing: 0 });
    expect(done.result?.lines[0]?.onChain).toBeNull();
  });
});
