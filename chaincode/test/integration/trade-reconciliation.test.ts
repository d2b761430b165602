import { uniqueId } from '../../../test/support/fabric';
import { evaluate, expectChaincodeError, submit, tradeUntil, useTradeParties } from './trade-parties';

interface ResultLine {
  ref: string;
  kind: string;
  status: string;
  values: Record<string, { qty?: number; amount?: number } | null>;
  onChain: { qty?: number; amount?: number } | null;
  missingFrom: string[];
  reason?: string;
}
interface Reconciliation {
  status: string;
  submitted: string[];
  statements: Record<string, unknown[]>;
  result?: { matched: number; mismatched: number; missing: number; lines: ResultLine[] };
}

describe('a reconciliation between the SME and its buyer', () => {
  const setUp = useTradeParties();

  it('reports exactly the one line the buyer states differently from the SME and the ledger', async () => {
    const parties = setUp();
    const { sme, buyer, bank } = parties;
    // Two deliveries (600 and 400 units, received in full), an invoice of 2000.00, paid.
    const { deliveryIds, invoiceId } = await tradeUntil(parties, 'acknowledged', [600, 400]);
    const [dl1, dl2] = deliveryIds as [string, string];
    const paymentRef = uniqueId('wire');
    await submit(buyer.conn, 'trade:SettleInvoice', invoiceId, '2025-02-05', paymentRef);

    const id = uniqueId('rec');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await submit(
      sme.conn,
      'reconciliation:OpenReconciliation',
      id,
      JSON.stringify({ from: '2025-01-01', to: tomorrow }),
      JSON.stringify([sme.id, buyer.id]),
    );
    const smeLines = [
      { ref: dl1, kind: 'DELIVERY', qty: 600 },
      { ref: dl2, kind: 'DELIVERY', qty: 400 },
      { ref: invoiceId, kind: 'INVOICE', amount: 2000 },
      { ref: paymentRef, kind: 'PAYMENT', amount: 2000 },
    ];
    // The deliberate mismatch: the buyer's books show 390 units for the second delivery.
    const buyerLines = smeLines.map((l) => (l.ref === dl2 ? { ...l, qty: 390 } : l));
    const open = await submit<Reconciliation>(sme.conn, 'reconciliation:SubmitStatement', id, JSON.stringify(smeLines));
    expect(open).toMatchObject({ status: 'OPEN', submitted: [sme.id] });
    const hidden = await evaluate<Reconciliation>(buyer.conn, 'reconciliation:GetReconciliation', id);
    expect(hidden.statements).toEqual({});
    await expectChaincodeError(
      submit(sme.conn, 'reconciliation:SubmitStatement', id, JSON.stringify(smeLines)),
      'CONFLICT',
    );

    await submit(buyer.conn, 'reconciliation:SubmitStatement', id, JSON.stringify(buyerLines));
    const report = await evaluate<Reconciliation>(bank.conn, 'reconciliation:GetReconciliation', id);
    expect(report.status).toBe('COMPLETED');
    expect(report.result).toMatchObject({ matched: 3, mismatched: 1, missing: 0 });
    const notMatched = report.result?.lines.filter((l) => l.status !== 'MATCHED');
    expect(notMatched).toEqual([
      {
        ref: dl2,
        kind: 'DELIVERY',
        status: 'MISMATCHED',
        values: { [sme.id]: { qty: 400 }, [buyer.id]: { qty: 390 } },
        onChain: { qty: 400 },
        missingFrom: [],
        reason: `qty differs: ${sme.id} 400, ${buyer.id} 390, ledger 400`,
      },
    ]);
    const deliveryStatus = (ref: string): string => (ref === dl2 ? 'MISMATCHED' : 'MATCHED');
    expect(report.result?.lines.map((l) => [l.kind, l.ref, l.status])).toEqual([
      ...[dl1, dl2].sort().map((ref) => ['DELIVERY', ref, deliveryStatus(ref)]),
      ['INVOICE', invoiceId, 'MATCHED'],
      ['PAYMENT', paymentRef, 'MATCHED'],
    ]);
    await expectChaincodeError(
      submit(buyer.conn, 'reconciliation:SubmitStatement', id, JSON.stringify(buyerLines)),
      'CONFLICT',
    );
  });
});
