import { errorText, evaluate, tradeUntil, waitForPeers, useTradeParties } from './trade-parties';

interface Receivable {
  status: string;
  financedBy?: string;
}

type Outcome = { bank: string; ok: true } | { bank: string; ok: false; reason: string };

describe('two banks financing one receivable at the same time', () => {
  const setUp = useTradeParties();

  it('ends with exactly one financing; the other gets MVCC_READ_CONFLICT or ALREADY_FINANCED', async () => {
    const parties = setUp();
    const { sme, bank, bank2 } = parties;
    const { invoiceId } = await tradeUntil(parties, 'acknowledged');
    const attempt = async (who: typeof bank, advance: number): Promise<Outcome> => {
      try {
        const commit = await who.conn.contract.submitAsync('trade:FinanceReceivable', {
          arguments: [invoiceId, JSON.stringify({ advanceAmount: advance, ratePercent: 5 })],
        });
        const status = await commit.getStatus();
        await waitForPeers(status.blockNumber);
        return status.successful
          ? { bank: who.id, ok: true }
          : { bank: who.id, ok: false, reason: `commit status ${status.code}` };
      } catch (err) {
        return { bank: who.id, ok: false, reason: errorText(err) };
      }
    };
    const outcomes = await Promise.all([attempt(bank, 1800), attempt(bank2, 1700)]);
    const winners = outcomes.filter((o) => o.ok);
    const losers = outcomes.filter((o): o is Extract<Outcome, { ok: false }> => !o.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    // 11 is MVCC_READ_CONFLICT: both endorsed before either committed; otherwise the loser was refused.
    expect(losers[0]?.reason).toMatch(/commit status 11$|ALREADY_FINANCED: /);
    const part = await evaluate<Receivable>(sme.conn, 'trade:GetReceivable', invoiceId);
    expect(part).toMatchObject({ status: 'FINANCED', financedBy: winners[0]?.bank });
    process.stdout.write(`financing race: winner ${winners[0]?.bank ?? ''}, loser: ${losers[0]?.reason ?? ''}\n`);
  });
});
