import { HistoryContract } from '../history/history-contract';
import { ReconciliationContract } from '../reconciliation/reconciliation-contract';
import { TradeFixture } from '../testing/trade-fixture';
import { TradeTransactions } from './trade-transactions';

const trade = new TradeTransactions();
const history = new HistoryContract();
const recon = new ReconciliationContract();

interface Version {
  txId: string;
  timestamp: string;
  isDelete: boolean;
  value: Record<string, unknown> | null;
}

describe('history of trade records', () => {
  it('lists every version of a contract with its transaction, under the contract read rule', async () => {
    const f = await new TradeFixture().seed();
    await f.ok(f.sme.user, (ctx) =>
      trade.ProposeContract(
        ctx,
        JSON.stringify({
          id: 'po-1',
          buyerId: 'core-1',
          sellerId: 'sme-1',
          documentHash: 'd'.repeat(64),
          lines: [{ sku: 'bolt', qty: 10, unitPrice: 1 }],
          currency: 'USD',
          deliveryDue: '2024-04-30',
          paymentTermsDays: 30,
        }),
      ),
    );
    await f.ok(f.buyer.user, (ctx) => trade.ConfirmContract(ctx, 'po-1'));
    const versions = await f.ok<Version[]>(f.bank.user, (ctx) => history.GetHistory(ctx, 'contract', '["po-1"]'));
    expect(versions.map((v) => v.value?.status)).toEqual(['PROPOSED', 'CONFIRMED']);
    expect(new Set(versions.map((v) => v.txId)).size).toBe(2);
    await f.refused(f.bank2.user, (ctx) => history.GetHistory(ctx, 'contract', '["po-1"]'), 'CONSENT_REQUIRED');
    await f.refused(f.sme.user, (ctx) => history.GetHistory(ctx, 'invoice', '["inv-1"]'), 'NOT_FOUND');
  });

  it('refuses the history of a reconciliation while it is open, as it holds unrevealed statements', async () => {
    const f = await new TradeFixture().seed();
    const period = JSON.stringify({ from: '2024-02-01', to: '2024-03-01' });
    await f.ok(f.sme.user, (ctx) => recon.OpenReconciliation(ctx, 'r-1', period, '["sme-1","core-1"]'));
    await f.ok(f.sme.user, (ctx) => recon.SubmitStatement(ctx, 'r-1', '[]'));
    await f.refused(f.buyer.user, (ctx) => history.GetHistory(ctx, 'reconciliation', '["r-1"]'), 'INVALID_STATE');
    await f.ok(f.buyer.user, (ctx) => recon.SubmitStatement(ctx, 'r-1', '[]'));
    const versions = await f.ok<Version[]>(f.buyer.user, (ctx) => history.GetHistory(ctx, 'reconciliation', '["r-1"]'));
    expect(versions.map((v) => v.value?.status)).toEqual(['OPEN', 'OPEN', 'COMPLETED']);
  });
});
