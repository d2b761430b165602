import type { ChaincodeEvent } from '@hyperledger/fabric-gateway';
import { loadNetwork, uniqueId } from '../../../test/support/fabric';
import {
  evaluate,
  recordProduction,
  sha256,
  submit,
  submitWith,
  type TradeParties,
  useTradeParties,
} from './trade-parties';

interface Contract {
  id: string;
  status: string;
  shippedQty: number;
  receivedQty: number;
  invoicedAmount: number;
  totalAmount: number;
}
interface Receivable {
  id: string;
  status: string;
  holderId: string;
  amount: number;
  parentId?: string;
  financedBy?: string;
  paidTo?: string;
}

const decoder = new TextDecoder();

/** Reads chaincode events from `startBlock` until `count` of them mention `marker`. */
async function eventsMentioning(
  parties: TradeParties,
  startBlock: bigint,
  marker: string,
  count: number,
): Promise<string[]> {
  const events = await parties.sme.conn.network.getChaincodeEvents(loadNetwork().chaincode, { startBlock });
  const names: string[] = [];
  try {
    for await (const event of events as AsyncIterable<ChaincodeEvent>) {
      if (decoder.decode(event.payload).includes(marker)) names.push(event.eventName);
      if (names.length >= count) break;
    }
  } finally {
    events.close();
  }
  return names;
}

describe('the trade story across the three organisations', () => {
  const setUp = useTradeParties();

  it('runs from purchase order to settlement, with production evidence, financing and a tier-2 transfer', async () => {
    const parties = setUp();
    const { sme, sme2, buyer, bank } = parties;
    const evidence = await recordProduction(parties, '2025-01-10', 3);
    const poId = uniqueId('po');
    const documentHash = sha256(`signed purchase order ${poId}`);

    // 1. The SME proposes the purchase order; the buyer confirms it.
    const proposed = await submitWith(sme.conn, 'trade:ProposeContract', {
      arguments: [
        JSON.stringify({
          id: poId,
          buyerId: buyer.id,
          sellerId: sme.id,
          documentHash,
          lines: [
            { sku: 'bracket-a', qty: 800, unitPrice: 2.5 },
            { sku: 'bracket-b', qty: 200, unitPrice: 4 },
          ],
          currency: 'USD',
          deliveryDue: '2025-02-28',
          paymentTermsDays: 60,
        }),
      ],
    });
    expect(proposed.successful).toBe(true);
    const confirmed = await submit<Contract>(buyer.conn, 'trade:ConfirmContract', poId);
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', totalAmount: 2800 });
    const verified = await evaluate(bank.conn, 'trade:VerifyDocument', documentHash);
    expect(verified).toMatchObject({
      found: true,
      bothConfirmed: true,
      status: 'CONFIRMED',
      proposedBy: sme.identityId,
      confirmedBy: buyer.identityId,
    });

    // 2. The SME ships 1000 units backed by its device's production records; the buyer receives them.
    const deliveryId = uniqueId('dl');
    const shipped = await submit(
      sme.conn,
      'trade:ShipDelivery',
      JSON.stringify({ id: deliveryId, contractId: poId, qty: 1000, shippedAt: '2025-01-11T08:00:00Z', evidence }),
    );
    expect(shipped).toMatchObject({ status: 'SHIPPED', qty: 1000, evidence });
    const received = await submit(buyer.conn, 'trade:ReceiveDelivery', deliveryId, '1000', '2025-01-12');
    expect(received).toMatchObject({ status: 'RECEIVED', receivedQty: 1000, receivedBy: buyer.identityId });

    // 3. The SME invoices the goods; the buyer acknowledges, which makes a receivable held by the SME.
    const invoiceId = uniqueId('inv');
    await submit(
      sme.conn,
      'trade:IssueInvoice',
      JSON.stringify({ id: invoiceId, contractId: poId, amount: 2800, currency: 'USD', dueDate: '2025-03-13' }),
    );
    const acknowledged = await submit(buyer.conn, 'trade:AcknowledgeInvoice', invoiceId);
    expect(acknowledged).toMatchObject({ status: 'ACKNOWLEDGED' });

    // 4. The SME splits the receivable and passes one part to its own supplier (a second SME).
    const partA = `${invoiceId}.a`;
    const partB = `${invoiceId}.b`;
    const parts = await submit<Receivable[]>(
      sme.conn,
      'trade:SplitReceivable',
      invoiceId,
      JSON.stringify([
        { id: partA, amount: 2000 },
        { id: partB, amount: 800 },
      ]),
    );
    expect(parts.map((p) => [p.id, p.amount, p.holderId])).toEqual([
      [partA, 2000, sme.id],
      [partB, 800, sme.id],
    ]);
    const transferred = await submit<Receivable>(sme.conn, 'trade:TransferReceivable', partB, sme2.id);
    expect(transferred.holderId).toBe(sme2.id);

    // 5. The bank finances the SME's part, with the SME's consent.
    const financed = await submit<Receivable>(
      bank.conn,
      'trade:FinanceReceivable',
      partA,
      JSON.stringify({ advanceAmount: 1800, ratePercent: 6.5 }),
    );
    expect(financed).toMatchObject({ status: 'FINANCED', financedBy: bank.id, advanceAmount: 1800 });

    // 6. The buyer pays: the financed part goes to the bank, the transferred part to the second SME.
    const paymentRef = uniqueId('wire');
    const settled = await submit(buyer.conn, 'trade:SettleInvoice', invoiceId, '2025-03-10', paymentRef);
    expect(settled).toMatchObject({ status: 'SETTLED', paymentRef, settledAt: '2025-03-10' });
    const tree = await evaluate<Receivable[]>(bank.conn, 'trade:ListReceivables', invoiceId);
    expect(tree.map((r) => [r.id, r.status, r.paidTo ?? null])).toEqual([
      [invoiceId, 'SPLIT', null],
      [partA, 'SETTLED', bank.id],
      [partB, 'SETTLED', sme2.id],
    ]);
    const contract = await evaluate<Contract>(bank.conn, 'trade:GetContract', poId);
    expect(contract).toMatchObject({ status: 'CONFIRMED', shippedQty: 1000, receivedQty: 1000, invoicedAmount: 2800 });

    // The bank's credit profile of the SME now carries the trade factors of this story.
    const profile = await evaluate<{
      factors: { name: string; value: number | null; weight: number; contribution: number }[];
      trade: Record<string, unknown>;
    }>(bank.conn, 'profile:GetCreditProfile', sme.id, '90', '2025-03-31');
    const tradeFactors = Object.fromEntries(
      profile.factors.filter((f) => f.weight > 0).map((f) => [f.name, [f.value, f.contribution > 0]]),
    );
    expect(tradeFactors).toMatchObject({
      contractFulfilment: [1, true],
      onTimeDelivery: [1, true],
      settlementOnTime: [1, true],
      receivablesCurrent: [null, false],
      reconciliationMatch: [null, false],
    });
    expect(profile.trade).toMatchObject({
      contractsDue: 1,
      contractedQty: 1000,
      receivedQty: 1000,
      invoicesDue: 1,
      invoicesPaidOnTime: 1,
      receivablesOutstanding: { parts: 0 },
    });

    // Every state change of the story was announced by a chaincode event, in order.
    const invoiceEvents = await eventsMentioning(parties, proposed.blockNumber, invoiceId, 6);
    expect(invoiceEvents).toEqual([
      'InvoiceIssued',
      'InvoiceAcknowledged',
      'ReceivableSplit',
      'ReceivableTransferred',
      'ReceivableFinanced',
      'InvoiceSettled',
    ]);
    const contractEvents = await eventsMentioning(parties, proposed.blockNumber, `"contractId":"${poId}"`, 3);
    expect(contractEvents).toEqual(['DeliveryShipped', 'DeliveryReceived', 'InvoiceIssued']);
    const poEvents = await eventsMentioning(parties, proposed.blockNumber, `"documentHash":"${documentHash}"`, 2);
    expect(poEvents).toEqual(['ContractProposed', 'ContractConfirmed']);
  });
});
