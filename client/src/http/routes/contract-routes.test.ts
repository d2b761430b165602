import request from 'supertest';
import { bearer, bodyOf, dataOf, fieldsOf, newTestApp } from '../../testing/test-app';

const proposal = {
  id: 'po-1',
  buyerId: 'buyer-1',
  sellerId: 'sme-1',
  documentHash: 'ab'.repeat(32),
  lines: [{ sku: 'BOLT-M8', qty: 1000, unitPrice: 0.25 }],
  currency: 'USD',
  deliveryDue: '2024-02-01',
  paymentTermsDays: 60,
};

describe('contract routes', () => {
  it('proposes a contract as its buyer', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app).post('/api/v1/contracts').set('Authorization', bearer('buyer')).send(proposal);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/v1/contracts/po-1');
    expect(dataOf(res)).toMatchObject({ id: 'po-1', status: 'PROPOSED' });
    expect(ledger.callsOf('proposeContract')[0]).toEqual({
      identity: 'core-user',
      method: 'proposeContract',
      args: [proposal],
    });
  });

  it('answers 403 when the key is neither buyer nor seller', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app).post('/api/v1/contracts').set('Authorization', bearer('bank')).send(proposal);
    expect(res.status).toBe(403);
    expect(ledger.calls).toHaveLength(0);
  });

  it.each([
    [{ ...proposal, documentHash: 'AB'.repeat(32) }, 'documentHash'],
    [{ ...proposal, lines: [] }, 'lines'],
    [{ ...proposal, lines: [{ sku: 'X', qty: '10', unitPrice: 1 }] }, 'lines[0].qty'],
    [{ ...proposal, lines: [{ sku: 'X', qty: 10, unitPrice: 1.005 }] }, 'lines[0].unitPrice'],
    [{ ...proposal, lines: [{ sku: 'X', qty: 10, unitPrice: 1, colour: 'red' }] }, 'lines[0].colour'],
    [{ ...proposal, currency: 'usd' }, 'currency'],
    [{ ...proposal, deliveryDue: '2024-04-31' }, 'deliveryDue'],
    [{ ...proposal, paymentTermsDays: -1 }, 'paymentTermsDays'],
  ])('refuses a proposal naming %#', async (body, field) => {
    const { app } = newTestApp();
    const res = await request(app).post('/api/v1/contracts').set('Authorization', bearer('buyer')).send(body);
    expect(res.status).toBe(400);
    expect(fieldsOf(res).map((f) => f.field)).toContain(field);
  });

  it('confirms, rejects and cancels', async () => {
    const { app, ledger } = newTestApp();
    const confirmed = await request(app).post('/api/v1/contracts/po-1/confirm').set('Authorization', bearer('sme'));
    expect(confirmed.status).toBe(200);
    expect(dataOf(confirmed).status).toBe('CONFIRMED');
    expect(bodyOf(confirmed).transactionId).toMatch(/^tx-/);
    const rejected = await request(app)
      .post('/api/v1/contracts/po-2/reject')
      .set('Authorization', bearer('sme'))
      .send({ reason: 'price too low' });
    expect(rejected.status).toBe(200);
    await request(app)
      .post('/api/v1/contracts/po-3/cancel')
      .set('Authorization', bearer('buyer'))
      .send({ reason: 'no longer needed' })
      .expect(200);
    expect(ledger.calls.map((c) => [c.method, ...c.args])).toEqual([
      ['confirmContract', 'po-1'],
      ['rejectContract', 'po-2', 'price too low'],
      ['cancelContract', 'po-3', 'no longer needed'],
    ]);
  });

  it('requires a reason to reject', async () => {
    const { app } = newTestApp();
    const res = await request(app).post('/api/v1/contracts/po-2/reject').set('Authorization', bearer('sme')).send({});
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual([{ field: 'reason', in: 'body', message: 'is required' }]);
  });

  it('reads a contract', async () => {
    const { app } = newTestApp();
    const res = await request(app).get('/api/v1/contracts/po-1').set('Authorization', bearer('bank')).expect(200);
    expect(dataOf(res).id).toBe('po-1');
  });

  it('verifies a document hash', async () => {
    const { app, ledger } = newTestApp();
    ledger.answer('verifyDocument', (documentHash) => ({
      documentHash,
      found: true,
      bothConfirmed: true,
      status: 'CONFIRMED',
    }));
    const res = await request(app)
      .get(`/api/v1/contracts/verify?documentHash=${'ab'.repeat(32)}`)
      .set('Authorization', bearer('bank'));
    expect(res.status).toBe(200);
    expect(dataOf(res)).toEqual({
      documentHash: 'ab'.repeat(32),
      found: true,
      bothConfirmed: true,
      status: 'CONFIRMED',
    });
  });

  it('refuses a verification without a valid hash', async () => {
    const { app } = newTestApp();
    const res = await request(app)
      .get('/api/v1/contracts/verify?documentHash=abc')
      .set('Authorization', bearer('bank'));
    expect(res.status).toBe(400);
    expect(fieldsOf(res)[0]).toMatchObject({ field: 'documentHash', in: 'query' });
  });
});
