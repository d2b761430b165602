import request from 'supertest';
import { bearer, errorOf, fieldsOf, newTestApp } from '../../testing/test-app';

// Input the chaincode refuses (chaincode/API.md) is refused by the API first: 400 naming the API's
// own field in details.fields, and nothing sent to the ledger.

const hash = 'ab'.repeat(32);
const contract = {
  id: 'po-1',
  buyerId: 'buyer-1',
  sellerId: 'sme-1',
  documentHash: hash,
  lines: [{ sku: 'BRKT-7', qty: 10, unitPrice: 2.5 }],
  currency: 'USD',
  deliveryDue: '2024-03-01',
  paymentTermsDays: 30,
};

type Case = readonly [name: string, who: 'sme' | 'buyer' | 'bank', path: string, body: unknown, field: string];

const cases: readonly Case[] = [
  [
    'a contract of 501 lines',
    'sme',
    '/api/v1/contracts',
    { ...contract, lines: Array.from({ length: 501 }, (_, i) => ({ sku: `S${i}`, qty: 1, unitPrice: 1 })) },
    'lines',
  ],
  [
    'a line above a billion units',
    'sme',
    '/api/v1/contracts',
    { ...contract, lines: [{ sku: 'A', qty: 1_000_000_001, unitPrice: 1 }] },
    'lines[0].qty',
  ],
  [
    'a repeated sku',
    'sme',
    '/api/v1/contracts',
    {
      ...contract,
      lines: [
        { sku: 'A', qty: 1, unitPrice: 1 },
        { sku: 'A', qty: 2, unitPrice: 1 },
      ],
    },
    'lines[1].sku',
  ],
  [
    'a sku with a control character',
    'sme',
    '/api/v1/contracts',
    { ...contract, lines: [{ sku: 'A\u0007', qty: 1, unitPrice: 1 }] },
    'lines[0].sku',
  ],
  ['the same buyer and seller', 'sme', '/api/v1/contracts', { ...contract, buyerId: 'sme-1' }, 'sellerId'],
  ['a reason of 501 characters', 'buyer', '/api/v1/contracts/po-1/reject', { reason: 'x'.repeat(501) }, 'reason'],
  [
    'a reason with an escape character',
    'buyer',
    '/api/v1/contracts/po-1/cancel',
    { reason: 'late\u001b[31m' },
    'reason',
  ],
  [
    'a shipment above a billion units',
    'sme',
    '/api/v1/deliveries',
    {
      id: 'del-1',
      contractId: 'po-1',
      qty: 1_000_000_001,
      shippedAt: '2024-02-01T00:00:00Z',
      evidence: [{ enterpriseId: 'sme-1', deviceId: 'press-1', periodStart: '2024-01-01T00:00:00Z' }],
    },
    'qty',
  ],
  [
    'a receipt above a billion units',
    'buyer',
    '/api/v1/deliveries/del-1/receive',
    { receivedQty: 1_000_000_001, receivedAt: '2024-02-02' },
    'receivedQty',
  ],
  [
    'a rate with 5 decimals',
    'bank',
    '/api/v1/receivables/inv-1/finance',
    { advanceAmount: 100, ratePercent: 6.12345 },
    'ratePercent',
  ],
  [
    'a payment reference with a control character',
    'buyer',
    '/api/v1/invoices/inv-1/settle',
    { paidAt: '2024-02-01', paymentRef: 'WIRE\u0000' },
    'paymentRef',
  ],
  [
    'a statement of 2001 lines',
    'sme',
    '/api/v1/reconciliations/rec-1/statements',
    { lines: Array.from({ length: 2001 }, (_, i) => ({ ref: `d-${i}`, kind: 'DELIVERY', qty: 1 })) },
    'lines',
  ],
  [
    'a statement line with a control character',
    'sme',
    '/api/v1/reconciliations/rec-1/statements',
    { lines: [{ ref: 'd-\n1', kind: 'DELIVERY', qty: 1 }] },
    'lines[0].ref',
  ],
  [
    'an enterprise name with a control character',
    'sme',
    '/api/v1/enterprises',
    { id: 'sme-1', name: 'Acme\u0000', role: 'SME' },
    'name',
  ],
  [
    'a device kind with a control character',
    'sme',
    '/api/v1/enterprises/sme-1/devices',
    { id: 'press-1', kind: 'press\t2', description: '', gatewayIdentity: 'x509::CN=gw::CN=ca' },
    'kind',
  ],
  [
    'a gateway identity over 1024 characters',
    'sme',
    '/api/v1/enterprises/sme-1/devices',
    { id: 'press-1', kind: 'press', description: '', gatewayIdentity: `x509::CN=${'g'.repeat(1020)}::CN=ca` },
    'gatewayIdentity',
  ],
];

describe('input the ledger would refuse', () => {
  it.each(cases)(
    'refuses %s with 400 naming the field, without calling the ledger',
    async (_name, who, path, body, field) => {
      const { app, ledger } = newTestApp({ bodyLimit: '1mb' });
      const res = await request(app)
        .post(path)
        .set('Authorization', bearer(who))
        .send(body as object);
      expect(res.status).toBe(400);
      expect(errorOf(res).code).toBe('INVALID_ARGUMENT');
      expect(fieldsOf(res).map((f) => f.field)).toContain(field);
      expect(ledger.calls).toEqual([]);
    },
  );

  it('still accepts tabs and line breaks in a reason, as the chaincode does', async () => {
    const { app, ledger } = newTestApp();
    await request(app)
      .post('/api/v1/contracts/po-1/reject')
      .set('Authorization', bearer('buyer'))
      .send({ reason: 'price:\tlate\nquality' });
    expect(ledger.calls.at(-1)).toMatchObject({ method: 'rejectContract' });
  });
});
