import { KeyEndorsementPolicy } from 'fabric-shim';
import { TradeFixture } from '../testing/trade-fixture';
import type { Delivery } from './delivery';
import type { Invoice } from './invoice';
import type { Receivable } from './receivable';
import type { TradeContract } from './trade-contract';
import { recordKey } from './trade-keys';
import { TradeTransactions } from './trade-transactions';

const trade = new TradeTransactions();
const DOC = 'a'.repeat(64);
const DOC2 = 'b'.repeat(64);

function contractJson(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: 'po-1',
    buyerId: 'core-1',
    sellerId: 'sme-1',
    documentHash: DOC,
    lines: [
      { sku: 'bolt-m8', qty: 600, unitPrice: 1.25 },
      { sku: 'nut-m8', qty: 400, unitPrice: 0.5 },
    ],
    currency: 'USD',
    deliveryDue: '2024-04-30',
    paymentTermsDays: 60,
    ...overrides,
  });
}

function deliveryJson(f: TradeFixture, overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: 'dl-1',
    contractId: 'po-1',
    qty: 600,
    shippedAt: '2024-02-20T10:00:00Z',
    evidence: f.evidence,
    ...overrides,
  });
}

function invoiceJson(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: 'inv-1',
    contractId: 'po-1',
    amount: 570,
    currency: 'USD',
    dueDate: '2024-05-31',
    ...overrides,
  });
}

/** A fixture with contract po-1 (total 1000 units, 950.00 USD) proposed by the SME and confirmed by the buyer. */
async function confirmedContract(): Promise<TradeFixture> {
  const f = await new TradeFixture().seed();
  await f.ok(f.sme.user, (ctx) => trade.ProposeContract(ctx, contractJson()));
  await f.ok(f.buyer.user, (ctx) => trade.ConfirmContract(ctx, 'po-1'));
  return f;
}

/** po-1 confirmed, delivery dl-1 of 600 units shipped and fully received. */
async function receivedDelivery(): Promise<TradeFixture> {
  const f = await confirmedContract();
  await f.ok(f.sme.user, (ctx) => trade.ShipDelivery(ctx, deliveryJson(f)));
  await f.ok(f.buyer.user, (ctx) => trade.ReceiveDelivery(ctx, 'dl-1', '600', '2024-02-22'));
  return f;
}

/** Invoice inv-1 of 570.00 (the value of the 600 units received) issued and acknowledged: receivable inv-1 held by the SME. */
async function acknowledgedInvoice(): Promise<TradeFixture> {
  const f = await receivedDelivery();
  await f.ok(f.sme.user, (ctx) => trade.IssueInvoice(ctx, invoiceJson()));
  await f.ok(f.buyer.user, (ctx) => trade.AcknowledgeInvoice(ctx, 'inv-1'));
  return f;
}

/** Ships and receives 100 more units under po-1 (95.00 more that may be invoiced). */
async function receiveMore(f: TradeFixture): Promise<void> {
  await f.ok(f.sme.user, (ctx) => trade.ShipDelivery(ctx, deliveryJson(f, { id: 'dl-2', qty: 100 })));
  await f.ok(f.buyer.user, (ctx) => trade.ReceiveDelivery(ctx, 'dl-2', '100', '2024-02-23'));
}

const terms = JSON.stringify({ advanceAmount: 540, ratePercent: 7.5 });

describe('trade contracts', () => {
  it('are proposed by a party with totals in exact money, and announced by an event', async () => {
    const f = await new TradeFixture().seed();
    const out = await f.run<TradeContract>(f.sme.user, (ctx) => trade.ProposeContract(ctx, contractJson()));
    expect(out.code).toBe('VALID');
    expect(out.result).toMatchObject({
      id: 'po-1',
      status: 'PROPOSED',
      totalQty: 1000,
      totalAmount: 950,
      proposedBy: f.sme.user.getID(),
      proposedAt: '2024-03-01T08:00:03.000Z',
      shippedQty: 0,
      receivedQty: 0,
      invoicedAmount: 0,
    });
    expect(out.events).toEqual([{ name: 'ContractProposed', payload: out.result }]);
  });

  it('refuse a proposal from an identity that is not bound to a party', async () => {
    const f = await new TradeFixture().seed();
    await f.refused(f.sme2.user, (ctx) => trade.ProposeContract(ctx, contractJson()), 'FORBIDDEN');
    await f.refused(f.unbound, (ctx) => trade.ProposeContract(ctx, contractJson()), 'FORBIDDEN');
    await f.refused(f.bank.user, (ctx) => trade.ProposeContract(ctx, contractJson()), 'FORBIDDEN');
  });

  it.each([
    ['a malformed document hash', { documentHash: 'ABC' }, 'contractJson.documentHash'],
    ['buyer and seller the same', { buyerId: 'sme-1' }, 'contractJson.sellerId'],
    ['no lines', { lines: [] }, 'contractJson.lines'],
    ['a zero quantity', { lines: [{ sku: 'x', qty: 0, unitPrice: 1 }] }, 'contractJson.lines[0].qty'],
    ['a fractional quantity', { lines: [{ sku: 'x', qty: 1.5, unitPrice: 1 }] }, 'contractJson.lines[0].qty'],
    ['a price with 3 decimals', { lines: [{ sku: 'x', qty: 1, unitPrice: 0.125 }] }, 'contractJson.lines[0].unitPrice'],
    [
      'a repeated sku',
      {
        lines: [
          { sku: 'x', qty: 1, unitPrice: 1 },
          { sku: 'x', qty: 2, unitPrice: 1 },
        ],
      },
      'contractJson.lines',
    ],
    ['a lower-case currency', { currency: 'usd' }, 'contractJson.currency'],
    ['an invalid due date', { deliveryDue: '2024-02-30' }, 'contractJson.deliveryDue'],
    ['negative payment terms', { paymentTermsDays: -1 }, 'contractJson.paymentTermsDays'],
    ['an unknown property', { discount: 5 }, 'contractJson.discount'],
  ])('refuse a proposal with %s (INVALID_ARGUMENT)', async (_label, overrides, field) => {
    const f = await new TradeFixture().seed();
    const message = await f.refused(
      f.sme.user,
      (ctx) => trade.ProposeContract(ctx, contractJson(overrides)),
      'INVALID_ARGUMENT',
    );
    expect(message).toContain(field);
  });

  it('refuse a taken id, an unregistered party, a BANK party and a document already under a live contract', async () => {
    const f = await new TradeFixture().seed();
    await f.ok(f.sme.user, (ctx) => trade.ProposeContract(ctx, contractJson()));
    await f.refused(
      f.sme.user,
      (ctx) => trade.ProposeContract(ctx, contractJson({ documentHash: DOC2 })),
      'ALREADY_EXISTS',
    );
    await f.refused(
      f.sme.user,
      (ctx) => trade.ProposeContract(ctx, contractJson({ id: 'po-2', buyerId: 'ghost' })),
      'NOT_FOUND',
    );
    const bankMsg = await f.refused(
      f.sme.user,
      (ctx) => trade.ProposeContract(ctx, contractJson({ id: 'po-2', buyerId: 'bank-1', documentHash: DOC2 })),
      'INVALID_ARGUMENT',
    );
    expect(bankMsg).toContain('BANK');
    const docMsg = await f.refused(
      f.sme.user,
      (ctx) => trade.ProposeContract(ctx, contractJson({ id: 'po-2' })),
      'CONFLICT',
    );
    expect(docMsg).toContain('po-1');
  });

  it('are confirmed by the other party only, which puts a key-level policy of both orgs on the contract key', async () => {
    const f = await new TradeFixture().seed();
    await f.ok(f.sme.user, (ctx) => trade.ProposeContract(ctx, contractJson()));
    await f.refused(f.sme.user, (ctx) => trade.ConfirmContract(ctx, 'po-1'), 'FORBIDDEN');
    await f.refused(f.bank.user, (ctx) => trade.ConfirmContract(ctx, 'po-1'), 'FORBIDDEN');
    await f.refused(f.buyer.user, (ctx) => trade.ConfirmContract(ctx, 'po-9'), 'NOT_FOUND');
    const tx = f.ledger.begin(f.buyer.user);
    const key = recordKey(tx.ctx, 'contract', 'po-1');
    expect(f.ledger.read(`${key}\u0000#ep`)).toBeUndefined();
    const out = await f.run<TradeContract>(f.buyer.user, (ctx) => trade.ConfirmContract(ctx, 'po-1'));
    expect(out.result).toMatchObject({ status: 'CONFIRMED', confirmedBy: f.buyer.user.getID() });
    expect(out.events).toEqual([{ name: 'ContractConfirmed', payload: out.result }]);
    const ep = f.ledger.read(`${key}\u0000#ep`);
    expect(ep).toBeDefined();
    expect(new KeyEndorsementPolicy(ep!.value).listOrgs().sort()).toEqual(['CoreOrgMSP', 'FactoryOrgMSP']);
    await f.refused(f.buyer.user, (ctx) => trade.ConfirmContract(ctx, 'po-1'), 'INVALID_STATE');
  });

  it('may be proposed by the buyer and confirmed by the seller', async () => {
    const f = await new TradeFixture().seed();
    await f.ok(f.buyer.user, (ctx) => trade.ProposeContract(ctx, contractJson()));
    await f.refused(f.buyer.user, (ctx) => trade.ConfirmContract(ctx, 'po-1'), 'FORBIDDEN');
    const confirmed = await f.ok<TradeContract>(f.sme.user, (ctx) => trade.ConfirmContract(ctx, 'po-1'));
    expect(confirmed.status).toBe('CONFIRMED');
  });

  it('are rejected by the other party only, with a reason, after which the document may be proposed again', async () => {
    const f = await new TradeFixture().seed();
    await f.ok(f.sme.user, (ctx) => trade.ProposeContract(ctx, contractJson()));
    await f.refused(f.sme.user, (ctx) => trade.RejectContract(ctx, 'po-1', 'changed my mind'), 'FORBIDDEN');
    await f.refused(f.buyer.user, (ctx) => trade.RejectContract(ctx, 'po-1', ''), 'INVALID_ARGUMENT');
    const out = await f.run<TradeContract>(f.buyer.user, (ctx) => trade.RejectContract(ctx, 'po-1', 'price too high'));
    expect(out.result).toMatchObject({
      status: 'REJECTED',
      rejectedBy: f.buyer.user.getID(),
      rejectReason: 'price too high',
    });
    expect(out.events[0]?.name).toBe('ContractRejected');
    await f.refused(f.buyer.user, (ctx) => trade.RejectContract(ctx, 'po-1', 'again'), 'INVALID_STATE');
    await f.refused(f.buyer.user, (ctx) => trade.ConfirmContract(ctx, 'po-1'), 'INVALID_STATE');
    await f.ok(f.sme.user, (ctx) => trade.ProposeContract(ctx, contractJson({ id: 'po-2' })));
  });

  it('are cancelled only by agreement: one party asks, the other agrees', async () => {
    const f = await confirmedContract();
    await f.refused(f.bank.user, (ctx) => trade.CancelContract(ctx, 'po-1', 'no'), 'FORBIDDEN');
    const asked = await f.run<TradeContract>(f.sme.user, (ctx) => trade.CancelContract(ctx, 'po-1', 'plant fire'));
    expect(asked.result).toMatchObject({
      status: 'CONFIRMED',
      cancelRequestedBy: f.sme.user.getID(),
      cancelReason: 'plant fire',
    });
    expect(asked.events[0]?.name).toBe('ContractCancelRequested');
    await f.refused(f.sme.user, (ctx) => trade.CancelContract(ctx, 'po-1', 'please'), 'INVALID_STATE');
    const done = await f.run<TradeContract>(f.buyer.user, (ctx) => trade.CancelContract(ctx, 'po-1', 'agreed'));
    expect(done.result).toMatchObject({ status: 'CANCELLED', cancelledBy: f.buyer.user.getID() });
    expect(done.events[0]?.name).toBe('ContractCancelled');
    await f.refused(f.buyer.user, (ctx) => trade.CancelContract(ctx, 'po-1', 'again'), 'INVALID_STATE');
    await f.refused(f.sme.user, (ctx) => trade.ShipDelivery(ctx, deliveryJson(f)), 'INVALID_STATE');
  });

  it('can be cancelled by agreement while still proposed, but not once rejected', async () => {
    const f = await new TradeFixture().seed();
    await f.ok(f.sme.user, (ctx) => trade.ProposeContract(ctx, contractJson()));
    await f.ok(f.buyer.user, (ctx) => trade.CancelContract(ctx, 'po-1', 'not needed'));
    const done = await f.ok<TradeContract>(f.sme.user, (ctx) => trade.CancelContract(ctx, 'po-1', 'ok'));
    expect(done.status).toBe('CANCELLED');
    await f.ok(f.sme.user, (ctx) => trade.ProposeContract(ctx, contractJson({ id: 'po-2', documentHash: DOC2 })));
    await f.ok(f.buyer.user, (ctx) => trade.RejectContract(ctx, 'po-2', 'no'));
    await f.refused(f.sme.user, (ctx) => trade.CancelContract(ctx, 'po-2', 'x'), 'INVALID_STATE');
  });

  it('are verified by document hash: who proposed, who confirmed and when', async () => {
    const f = await new TradeFixture().seed();
    const unknown = await f.ok(f.bank2.user, (ctx) => trade.VerifyDocument(ctx, DOC));
    expect(unknown).toEqual({ documentHash: DOC, found: false, bothConfirmed: false });
    await f.ok(f.sme.user, (ctx) => trade.ProposeContract(ctx, contractJson()));
    const proposed = await f.ok(f.bank2.user, (ctx) => trade.VerifyDocument(ctx, DOC));
    expect(proposed).toMatchObject({
      found: true,
      status: 'PROPOSED',
      bothConfirmed: false,
      proposedBy: f.sme.user.getID(),
    });
    const confirmed = await f.ok<TradeContract>(f.buyer.user, (ctx) => trade.ConfirmContract(ctx, 'po-1'));
    const verified = await f.ok(f.bank2.user, (ctx) => trade.VerifyDocument(ctx, DOC));
    expect(verified).toEqual({
      documentHash: DOC,
      found: true,
      contract: confirmed,
      status: 'CONFIRMED',
      bothConfirmed: true,
      proposedBy: f.sme.user.getID(),
      proposedAt: confirmed.proposedAt,
      confirmedBy: f.buyer.user.getID(),
      confirmedAt: confirmed.confirmedAt,
    });
    await f.refused(f.bank2.user, (ctx) => trade.VerifyDocument(ctx, 'xyz'), 'INVALID_ARGUMENT');
  });

  it('are read by the parties orgs and by banks with trade consent only', async () => {
    const f = await confirmedContract();
    await f.ok(f.sme.user, (ctx) => trade.GetContract(ctx, 'po-1'));
    await f.ok(f.buyer.user, (ctx) => trade.GetContract(ctx, 'po-1'));
    await f.ok(f.bank.user, (ctx) => trade.GetContract(ctx, 'po-1'));
    await f.refused(f.bank2.user, (ctx) => trade.GetContract(ctx, 'po-1'), 'CONSENT_REQUIRED');
    await f.ok(f.sme.user, (ctx) =>
      trade.ProposeContract(ctx, contractJson({ id: 'po-2', buyerId: 'sme-2', documentHash: DOC2 })),
    );
    await f.refused(f.buyer.user, (ctx) => trade.GetContract(ctx, 'po-2'), 'FORBIDDEN');
  });
});

describe('deliveries', () => {
  it('are shipped by the seller with production evidence, adding to the shipped quantity', async () => {
    const f = await confirmedContract();
    const out = await f.run<Delivery>(f.sme.user, (ctx) => trade.ShipDelivery(ctx, deliveryJson(f)));
    expect(out.result).toMatchObject({
      id: 'dl-1',
      contractId: 'po-1',
      qty: 600,
      status: 'SHIPPED',
      shippedAt: '2024-02-20T10:00:00.000Z',
      shippedBy: f.sme.user.getID(),
      evidence: f.evidence,
    });
    expect(out.events).toEqual([{ name: 'DeliveryShipped', payload: out.result }]);
    const contract = await f.ok<TradeContract>(f.sme.user, (ctx) => trade.GetContract(ctx, 'po-1'));
    expect(contract.shippedQty).toBe(600);
  });

  it('refuse shipping by the buyer, under a contract not confirmed, or a taken id', async () => {
    const f = await new TradeFixture().seed();
    await f.ok(f.sme.user, (ctx) => trade.ProposeContract(ctx, contractJson()));
    await f.refused(f.sme.user, (ctx) => trade.ShipDelivery(ctx, deliveryJson(f)), 'INVALID_STATE');
    await f.ok(f.buyer.user, (ctx) => trade.ConfirmContract(ctx, 'po-1'));
    await f.refused(f.buyer.user, (ctx) => trade.ShipDelivery(ctx, deliveryJson(f)), 'FORBIDDEN');
    await f.ok(f.sme.user, (ctx) => trade.ShipDelivery(ctx, deliveryJson(f, { qty: 10 })));
    await f.refused(f.sme.user, (ctx) => trade.ShipDelivery(ctx, deliveryJson(f, { qty: 10 })), 'ALREADY_EXISTS');
  });

  it('refuse over-delivery beyond the contract quantity (LIMIT_EXCEEDED)', async () => {
    const f = await confirmedContract();
    await f.refused(f.sme.user, (ctx) => trade.ShipDelivery(ctx, deliveryJson(f, { qty: 1001 })), 'LIMIT_EXCEEDED');
    await f.ok(f.sme.user, (ctx) => trade.ShipDelivery(ctx, deliveryJson(f, { qty: 700 })));
    const msg = await f.refused(
      f.sme.user,
      (ctx) => trade.ShipDelivery(ctx, deliveryJson(f, { id: 'dl-2', qty: 301 })),
      'LIMIT_EXCEEDED',
    );
    expect(msg).toContain('1001');
    await f.ok(f.sme.user, (ctx) => trade.ShipDelivery(ctx, deliveryJson(f, { id: 'dl-2', qty: 300 })));
  });

  it('refuse evidence that is missing, of another enterprise, later than the shipment, or repeated', async () => {
    const f = await confirmedContract();
    const [first] = f.evidence;
    const missing = [{ ...first, periodStart: '2024-02-01T05:00:00.000Z' }];
    expect(
      await f.refused(
        f.sme.user,
        (ctx) => trade.ShipDelivery(ctx, deliveryJson(f, { evidence: missing })),
        'NOT_FOUND',
      ),
    ).toContain('sme-1/press-1/2024-02-01T05:00:00.000Z');
    const foreign = [{ ...first, enterpriseId: 'sme-2' }];
    await f.refused(
      f.sme.user,
      (ctx) => trade.ShipDelivery(ctx, deliveryJson(f, { evidence: foreign })),
      'INVALID_ARGUMENT',
    );
    await f.refused(
      f.sme.user,
      (ctx) => trade.ShipDelivery(ctx, deliveryJson(f, { shippedAt: '2024-02-01T01:30:00Z' })),
      'INVALID_ARGUMENT',
    );
    await f.refused(
      f.sme.user,
      (ctx) => trade.ShipDelivery(ctx, deliveryJson(f, { evidence: [] })),
      'INVALID_ARGUMENT',
    );
    await f.refused(
      f.sme.user,
      (ctx) => trade.ShipDelivery(ctx, deliveryJson(f, { evidence: [first, first] })),
      'INVALID_ARGUMENT',
    );
    await f.refused(
      f.sme.user,
      (ctx) => trade.ShipDelivery(ctx, deliveryJson(f, { shippedAt: '2030-01-01T00:00:00Z' })),
      'INVALID_ARGUMENT',
    );
  });

  it('are received by the buyer only, at most the shipped quantity, once', async () => {
    const f = await confirmedContract();
    await f.ok(f.sme.user, (ctx) => trade.ShipDelivery(ctx, deliveryJson(f)));
    await f.refused(f.sme.user, (ctx) => trade.ReceiveDelivery(ctx, 'dl-1', '600', '2024-02-22'), 'FORBIDDEN');
    await f.refused(f.buyer.user, (ctx) => trade.ReceiveDelivery(ctx, 'dl-1', '601', '2024-02-22'), 'LIMIT_EXCEEDED');
    await f.refused(f.buyer.user, (ctx) => trade.ReceiveDelivery(ctx, 'dl-1', '600', '2024-02-19'), 'INVALID_ARGUMENT');
    await f.refused(
      f.buyer.user,
      (ctx) => trade.ReceiveDelivery(ctx, 'dl-1', 'many', '2024-02-22'),
      'INVALID_ARGUMENT',
    );
    await f.refused(f.buyer.user, (ctx) => trade.ReceiveDelivery(ctx, 'dl-9', '1', '2024-02-22'), 'NOT_FOUND');
    const out = await f.run<Delivery>(f.buyer.user, (ctx) => trade.ReceiveDelivery(ctx, 'dl-1', '590', '2024-02-20'));
    expect(out.result).toMatchObject({
      status: 'RECEIVED',
      receivedQty: 590,
      receivedAt: '2024-02-20',
      receivedBy: f.buyer.user.getID(),
    });
    expect(out.events).toEqual([{ name: 'DeliveryReceived', payload: out.result }]);
    const contract = await f.ok<TradeContract>(f.buyer.user, (ctx) => trade.GetContract(ctx, 'po-1'));
    expect(contract).toMatchObject({ shippedQty: 600, receivedQty: 590 });
    await f.refused(f.buyer.user, (ctx) => trade.ReceiveDelivery(ctx, 'dl-1', '10', '2024-02-22'), 'INVALID_STATE');
  });

  it('shipped before a cancellation may still be received', async () => {
    const f = await confirmedContract();
    await f.ok(f.sme.user, (ctx) => trade.ShipDelivery(ctx, deliveryJson(f)));
    await f.ok(f.sme.user, (ctx) => trade.CancelContract(ctx, 'po-1', 'stop'));
    await f.ok(f.buyer.user, (ctx) => trade.CancelContract(ctx, 'po-1', 'ok'));
    const received = await f.ok<Delivery>(f.buyer.user, (ctx) =>
      trade.ReceiveDelivery(ctx, 'dl-1', '600', '2024-02-22'),
    );
    expect(received.status).toBe('RECEIVED');
  });
});

describe('invoices', () => {
  it('are issued by the seller up to the value of the goods received (LIMIT_EXCEEDED above it)', async () => {
    const f = await receivedDelivery();
    // 600 of 1000 units received of a 950.00 contract: 570.00 may be invoiced.
    await f.refused(f.sme.user, (ctx) => trade.IssueInvoice(ctx, invoiceJson({ amount: 570.01 })), 'LIMIT_EXCEEDED');
    const out = await f.run<Invoice>(f.sme.user, (ctx) => trade.IssueInvoice(ctx, invoiceJson({ amount: 500 })));
    expect(out.result).toMatchObject({
      id: 'inv-1',
      status: 'ISSUED',
      amount: 500,
      sellerId: 'sme-1',
      buyerId: 'core-1',
    });
    expect(out.events).toEqual([{ name: 'InvoiceIssued', payload: out.result }]);
    const msg = await f.refused(
      f.sme.user,
      (ctx) => trade.IssueInvoice(ctx, invoiceJson({ id: 'inv-2', amount: 70.01 })),
      'LIMIT_EXCEEDED',
    );
    expect(msg).toContain('570.01');
    await f.ok(f.sme.user, (ctx) => trade.IssueInvoice(ctx, invoiceJson({ id: 'inv-2', amount: 70 })));
    const contract = await f.ok<TradeContract>(f.sme.user, (ctx) => trade.GetContract(ctx, 'po-1'));
    expect(contract.invoicedAmount).toBe(570);
  });

  it('refuse an invoice by the buyer, in another currency, with a taken id, or before any receipt', async () => {
    const f = await confirmedContract();
    await f.refused(f.sme.user, (ctx) => trade.IssueInvoice(ctx, invoiceJson({ amount: 1 })), 'LIMIT_EXCEEDED');
    await f.ok(f.sme.user, (ctx) => trade.ShipDelivery(ctx, deliveryJson(f)));
    await f.ok(f.buyer.user, (ctx) => trade.ReceiveDelivery(ctx, 'dl-1', '600', '2024-02-22'));
    await f.refused(f.buyer.user, (ctx) => trade.IssueInvoice(ctx, invoiceJson()), 'FORBIDDEN');
    await f.refused(f.sme.user, (ctx) => trade.IssueInvoice(ctx, invoiceJson({ currency: 'EUR' })), 'INVALID_ARGUMENT');
    await f.refused(f.sme.user, (ctx) => trade.IssueInvoice(ctx, invoiceJson({ amount: 0 })), 'INVALID_ARGUMENT');
    await f.ok(f.sme.user, (ctx) => trade.IssueInvoice(ctx, invoiceJson({ amount: 100 })));
    await f.refused(f.sme.user, (ctx) => trade.IssueInvoice(ctx, invoiceJson({ amount: 100 })), 'ALREADY_EXISTS');
  });

  it('refuse an invoice under a contract that is proposed or rejected (INVALID_STATE)', async () => {
    const f = await new TradeFixture().seed();
    await f.ok(f.sme.user, (ctx) => trade.ProposeContract(ctx, contractJson()));
    await f.refused(f.sme.user, (ctx) => trade.IssueInvoice(ctx, invoiceJson({ amount: 1 })), 'INVALID_STATE');
    await f.ok(f.buyer.user, (ctx) => trade.RejectContract(ctx, 'po-1', 'no'));
    await f.refused(f.sme.user, (ctx) => trade.IssueInvoice(ctx, invoiceJson({ amount: 1 })), 'INVALID_STATE');
  });

  it('are acknowledged by the buyer only, once, which creates the receivable held by the seller', async () => {
    const f = await receivedDelivery();
    await f.ok(f.sme.user, (ctx) => trade.IssueInvoice(ctx, invoiceJson()));
    await f.refused(f.sme.user, (ctx) => trade.AcknowledgeInvoice(ctx, 'inv-1'), 'FORBIDDEN');
    await f.refused(f.buyer.user, (ctx) => trade.GetReceivable(ctx, 'inv-1'), 'NOT_FOUND');
    const out = await f.run<Invoice>(f.buyer.user, (ctx) => trade.AcknowledgeInvoice(ctx, 'inv-1'));
    expect(out.result).toMatchObject({ status: 'ACKNOWLEDGED', acknowledgedBy: f.buyer.user.getID() });
    const receivable = await f.ok<Receivable>(f.sme.user, (ctx) => trade.GetReceivable(ctx, 'inv-1'));
    expect(receivable).toMatchObject({
      id: 'inv-1',
      invoiceId: 'inv-1',
      buyerId: 'core-1',
      holderId: 'sme-1',
      amount: 570,
      currency: 'USD',
      dueDate: '2024-05-31',
      status: 'ACKNOWLEDGED',
    });
    expect(out.events).toEqual([{ name: 'InvoiceAcknowledged', payload: { invoice: out.result, receivable } }]);
    await f.refused(f.buyer.user, (ctx) => trade.AcknowledgeInvoice(ctx, 'inv-1'), 'INVALID_STATE');
  });
});

describe('receivables', () => {
  it('are financed once by a bank with the holder consent; a second financing is ALREADY_FINANCED', async () => {
    const f = await acknowledgedInvoice();
    await f.refused(f.sme.user, (ctx) => trade.FinanceReceivable(ctx, 'inv-1', terms), 'FORBIDDEN');
    await f.refused(f.bank2.user, (ctx) => trade.FinanceReceivable(ctx, 'inv-1', terms), 'CONSENT_REQUIRED');
    await f.refused(
      f.bank.user,
      (ctx) => trade.FinanceReceivable(ctx, 'inv-1', JSON.stringify({ advanceAmount: 570.01, ratePercent: 5 })),
      'LIMIT_EXCEEDED',
    );
    await f.refused(
      f.bank.user,
      (ctx) => trade.FinanceReceivable(ctx, 'inv-1', JSON.stringify({ advanceAmount: 500, ratePercent: 101 })),
      'INVALID_ARGUMENT',
    );
    const out = await f.run<Receivable>(f.bank.user, (ctx) => trade.FinanceReceivable(ctx, 'inv-1', terms));
    expect(out.result).toMatchObject({
      status: 'FINANCED',
      financedBy: 'bank-1',
      advanceAmount: 540,
      ratePercent: 7.5,
    });
    expect(out.events).toEqual([{ name: 'ReceivableFinanced', payload: out.result }]);
    const invoice = await f.ok<Invoice>(f.sme.user, (ctx) => trade.GetInvoice(ctx, 'inv-1'));
    expect(invoice.status).toBe('FINANCED');
    await f.refused(f.bank.user, (ctx) => trade.FinanceReceivable(ctx, 'inv-1', terms), 'ALREADY_FINANCED');
    await f.grant(f.sme, f.bank2, ['receivables']);
    await f.refused(f.bank2.user, (ctx) => trade.FinanceReceivable(ctx, 'inv-1', terms), 'ALREADY_FINANCED');
  });

  it('financed by two banks at the same time: one commits, the other fails validation', async () => {
    const f = await acknowledgedInvoice();
    await f.grant(f.sme, f.bank2, ['receivables']);
    const t1 = f.ledger.begin(f.bank.user);
    const t2 = f.ledger.begin(f.bank2.user);
    await trade.FinanceReceivable(t1.ctx, 'inv-1', terms);
    await trade.FinanceReceivable(t2.ctx, 'inv-1', terms);
    expect(f.ledger.commit(t1)).toBe('VALID');
    expect(f.ledger.commit(t2)).toBe('MVCC_READ_CONFLICT');
    const part = await f.ok<Receivable>(f.sme.user, (ctx) => trade.GetReceivable(ctx, 'inv-1'));
    expect(part.financedBy).toBe('bank-1');
  });

  it('are split by the holder into parts that sum exactly to the original (LIMIT_EXCEEDED otherwise)', async () => {
    const f = await acknowledgedInvoice();
    const parts = (a: number, b: number): string =>
      JSON.stringify([
        { id: 'inv-1.a', amount: a },
        { id: 'inv-1.b', amount: b },
      ]);
    await f.refused(f.sme.user, (ctx) => trade.SplitReceivable(ctx, 'inv-1', parts(370, 199.99)), 'LIMIT_EXCEEDED');
    await f.refused(f.sme.user, (ctx) => trade.SplitReceivable(ctx, 'inv-1', parts(370, 200.01)), 'LIMIT_EXCEEDED');
    await f.refused(f.buyer.user, (ctx) => trade.SplitReceivable(ctx, 'inv-1', parts(370, 200)), 'FORBIDDEN');
    await f.refused(
      f.sme.user,
      (ctx) => trade.SplitReceivable(ctx, 'inv-1', JSON.stringify([{ id: 'inv-1.a', amount: 570 }])),
      'INVALID_ARGUMENT',
    );
    await f.refused(
      f.sme.user,
      (ctx) =>
        trade.SplitReceivable(
          ctx,
          'inv-1',
          JSON.stringify([
            { id: 'x', amount: 300 },
            { id: 'x', amount: 270 },
          ]),
        ),
      'INVALID_ARGUMENT',
    );
    await f.refused(
      f.sme.user,
      (ctx) =>
        trade.SplitReceivable(
          ctx,
          'inv-1',
          JSON.stringify([
            { id: 'inv-1', amount: 300 },
            { id: 'y', amount: 270 },
          ]),
        ),
      'INVALID_ARGUMENT',
    );
    const out = await f.run<Receivable[]>(f.sme.user, (ctx) => trade.SplitReceivable(ctx, 'inv-1', parts(370, 200)));
    expect(out.result.map((p) => [p.id, p.amount, p.parentId, p.holderId, p.status])).toEqual([
      ['inv-1.a', 370, 'inv-1', 'sme-1', 'ACKNOWLEDGED'],
      ['inv-1.b', 200, 'inv-1', 'sme-1', 'ACKNOWLEDGED'],
    ]);
    const parent = await f.ok<Receivable>(f.sme.user, (ctx) => trade.GetReceivable(ctx, 'inv-1'));
    expect(parent).toMatchObject({ status: 'SPLIT', children: ['inv-1.a', 'inv-1.b'] });
    expect(out.events).toEqual([{ name: 'ReceivableSplit', payload: { parent, parts: out.result } }]);
    await f.refused(f.sme.user, (ctx) => trade.SplitReceivable(ctx, 'inv-1', parts(370, 200)), 'INVALID_STATE');
    await f.refused(f.bank.user, (ctx) => trade.FinanceReceivable(ctx, 'inv-1', terms), 'INVALID_STATE');
    const tree = await f.ok<Receivable[]>(f.sme.user, (ctx) => trade.ListReceivables(ctx, 'inv-1'));
    expect(tree.map((r) => r.id)).toEqual(['inv-1', 'inv-1.a', 'inv-1.b']);
    const sum = tree.filter((r) => r.parentId === 'inv-1').reduce((acc, r) => acc + Math.round(r.amount * 100), 0);
    expect(sum).toBe(57000);
  });

  it('refuse a part id that is already an invoice or a receivable', async () => {
    const f = await acknowledgedInvoice();
    await receiveMore(f);
    await f.ok(f.sme.user, (ctx) => trade.IssueInvoice(ctx, invoiceJson({ id: 'inv-2', amount: 1 })));
    await f.refused(
      f.sme.user,
      (ctx) =>
        trade.SplitReceivable(
          ctx,
          'inv-1',
          JSON.stringify([
            { id: 'inv-2', amount: 300 },
            { id: 'z', amount: 270 },
          ]),
        ),
      'ALREADY_EXISTS',
    );
  });

  it('financed in part: the parent and the financed part cannot be financed, split or transferred again', async () => {
    const f = await acknowledgedInvoice();
    await f.ok(f.sme.user, (ctx) =>
      trade.SplitReceivable(
        ctx,
        'inv-1',
        JSON.stringify([
          { id: 'p1', amount: 320 },
          { id: 'p2', amount: 250 },
        ]),
      ),
    );
    await f.ok(f.bank.user, (ctx) =>
      trade.FinanceReceivable(ctx, 'p1', JSON.stringify({ advanceAmount: 300, ratePercent: 6 })),
    );
    await f.refused(f.bank.user, (ctx) => trade.FinanceReceivable(ctx, 'inv-1', terms), 'ALREADY_FINANCED');
    await f.refused(f.bank.user, (ctx) => trade.FinanceReceivable(ctx, 'p1', terms), 'ALREADY_FINANCED');
    await f.refused(
      f.sme.user,
      (ctx) =>
        trade.SplitReceivable(
          ctx,
          'p1',
          JSON.stringify([
            { id: 'p1a', amount: 300 },
            { id: 'p1b', amount: 20 },
          ]),
        ),
      'ALREADY_FINANCED',
    );
    await f.refused(f.sme.user, (ctx) => trade.TransferReceivable(ctx, 'p1', 'sme-2'), 'ALREADY_FINANCED');
    const p2 = await f.ok<Receivable>(f.bank.user, (ctx) =>
      trade.FinanceReceivable(ctx, 'p2', JSON.stringify({ advanceAmount: 200, ratePercent: 6 })),
    );
    expect(p2.status).toBe('FINANCED');
  });

  it('are transferred by the holder to another registered SME, which may then have them financed', async () => {
    const f = await acknowledgedInvoice();
    await f.ok(f.sme.user, (ctx) =>
      trade.SplitReceivable(
        ctx,
        'inv-1',
        JSON.stringify([
          { id: 'p1', amount: 320 },
          { id: 'p2', amount: 250 },
        ]),
      ),
    );
    await f.refused(f.sme2.user, (ctx) => trade.TransferReceivable(ctx, 'p2', 'sme-2'), 'FORBIDDEN');
    await f.refused(f.sme.user, (ctx) => trade.TransferReceivable(ctx, 'p2', 'core-1'), 'INVALID_ARGUMENT');
    await f.refused(f.sme.user, (ctx) => trade.TransferReceivable(ctx, 'p2', 'sme-1'), 'INVALID_ARGUMENT');
    await f.refused(f.sme.user, (ctx) => trade.TransferReceivable(ctx, 'p2', 'ghost'), 'NOT_FOUND');
    await f.refused(f.sme.user, (ctx) => trade.TransferReceivable(ctx, 'inv-1', 'sme-2'), 'INVALID_STATE');
    const out = await f.run<Receivable>(f.sme.user, (ctx) => trade.TransferReceivable(ctx, 'p2', 'sme-2'));
    expect(out.result).toMatchObject({ id: 'p2', holderId: 'sme-2', amount: 250 });
    expect(out.events).toEqual([{ name: 'ReceivableTransferred', payload: out.result }]);
    await f.refused(f.sme.user, (ctx) => trade.TransferReceivable(ctx, 'p2', 'sme-2'), 'FORBIDDEN');
    await f.refused(
      f.sme.user,
      (ctx) =>
        trade.SplitReceivable(
          ctx,
          'p2',
          JSON.stringify([
            { id: 'q1', amount: 1 },
            { id: 'q2', amount: 249 },
          ]),
        ),
      'FORBIDDEN',
    );
    const financed = await f.ok<Receivable>(f.bank.user, (ctx) =>
      trade.FinanceReceivable(ctx, 'p2', JSON.stringify({ advanceAmount: 240, ratePercent: 5 })),
    );
    expect(financed).toMatchObject({ holderId: 'sme-2', financedBy: 'bank-1' });
  });

  it('are settled by the buyer: every open part paid to its financier, else to its holder', async () => {
    const f = await acknowledgedInvoice();
    await f.ok(f.sme.user, (ctx) =>
      trade.SplitReceivable(
        ctx,
        'inv-1',
        JSON.stringify([
          { id: 'p1', amount: 320 },
          { id: 'p2', amount: 250 },
        ]),
      ),
    );
    await f.ok(f.sme.user, (ctx) => trade.TransferReceivable(ctx, 'p2', 'sme-2'));
    await f.ok(f.bank.user, (ctx) =>
      trade.FinanceReceivable(ctx, 'p1', JSON.stringify({ advanceAmount: 300, ratePercent: 6 })),
    );
    await f.refused(f.sme.user, (ctx) => trade.SettleInvoice(ctx, 'inv-1', '2024-02-28', 'wire-1'), 'FORBIDDEN');
    await f.refused(
      f.buyer.user,
      (ctx) => trade.SettleInvoice(ctx, 'inv-1', '2031-01-01', 'wire-1'),
      'INVALID_ARGUMENT',
    );
    const out = await f.run<Invoice>(f.buyer.user, (ctx) => trade.SettleInvoice(ctx, 'inv-1', '2024-02-28', 'wire-1'));
    expect(out.result).toMatchObject({
      status: 'SETTLED',
      settledAt: '2024-02-28',
      paymentRef: 'wire-1',
      settledBy: f.buyer.user.getID(),
    });
    const tree = await f.ok<Receivable[]>(f.sme.user, (ctx) => trade.ListReceivables(ctx, 'inv-1'));
    expect(tree.map((r) => [r.id, r.status, r.paidTo ?? null])).toEqual([
      ['inv-1', 'SPLIT', null],
      ['p1', 'SETTLED', 'bank-1'],
      ['p2', 'SETTLED', 'sme-2'],
    ]);
    expect(out.events).toEqual([{ name: 'InvoiceSettled', payload: { invoice: out.result, parts: tree.slice(1) } }]);
    await f.refused(f.buyer.user, (ctx) => trade.SettleInvoice(ctx, 'inv-1', '2024-02-28', 'wire-2'), 'INVALID_STATE');
    await f.refused(f.bank.user, (ctx) => trade.FinanceReceivable(ctx, 'p2', terms), 'INVALID_STATE');
    await f.refused(f.sme2.user, (ctx) => trade.TransferReceivable(ctx, 'p2', 'sme-1'), 'INVALID_STATE');
    await f.refused(
      f.sme2.user,
      (ctx) =>
        trade.SplitReceivable(
          ctx,
          'p2',
          JSON.stringify([
            { id: 'q1', amount: 1 },
            { id: 'q2', amount: 249 },
          ]),
        ),
      'INVALID_STATE',
    );
  });

  it('refuse settling an invoice not acknowledged, and a payment reference used before', async () => {
    const f = await acknowledgedInvoice();
    await receiveMore(f);
    await f.ok(f.sme.user, (ctx) => trade.IssueInvoice(ctx, invoiceJson({ id: 'inv-2', amount: 10 })));
    await f.refused(f.buyer.user, (ctx) => trade.SettleInvoice(ctx, 'inv-2', '2024-02-28', 'wire-1'), 'INVALID_STATE');
    await f.ok(f.buyer.user, (ctx) => trade.SettleInvoice(ctx, 'inv-1', '2024-02-28', 'wire-1'));
    await f.ok(f.buyer.user, (ctx) => trade.AcknowledgeInvoice(ctx, 'inv-2'));
    await f.refused(f.buyer.user, (ctx) => trade.SettleInvoice(ctx, 'inv-2', '2024-02-28', 'wire-1'), 'CONFLICT');
    const paid = await f.ok<Invoice>(f.buyer.user, (ctx) =>
      trade.SettleInvoice(ctx, 'inv-2', '2024-02-29T09:00:00+08:00', 'wire-2'),
    );
    expect(paid.settledAt).toBe('2024-02-29T01:00:00.000Z');
    const root = await f.ok<Receivable>(f.sme.user, (ctx) => trade.GetReceivable(ctx, 'inv-2'));
    expect(root).toMatchObject({ status: 'SETTLED', paidTo: 'sme-1' });
  });

  it('are read by the holder, buyer and seller orgs, the financier, and banks with receivables consent', async () => {
    const f = await acknowledgedInvoice();
    await f.ok(f.bank.user, (ctx) => trade.GetReceivable(ctx, 'inv-1'));
    await f.refused(f.bank2.user, (ctx) => trade.GetReceivable(ctx, 'inv-1'), 'CONSENT_REQUIRED');
    await f.refused(f.bank2.user, (ctx) => trade.ListReceivables(ctx, 'inv-1'), 'CONSENT_REQUIRED');
    await f.ok(f.buyer.user, (ctx) => trade.ListReceivables(ctx, 'inv-1'));
  });
});
