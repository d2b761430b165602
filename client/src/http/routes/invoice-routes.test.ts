import request from 'supertest';
import { bearer, dataOf, fieldsOf, listOf, newTestApp } from '../../testing/test-app';

describe('invoice routes', () => {
  const invoice = { id: 'inv-1', contractId: 'po-1', amount: 99.5, currency: 'USD', dueDate: '2024-03-01' };

  it('issues an invoice', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app).post('/api/v1/invoices').set('Authorization', bearer('sme')).send(invoice);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/v1/invoices/inv-1');
    expect(dataOf(res)).toMatchObject({ id: 'inv-1', status: 'ISSUED', amount: 99.5 });
    expect(ledger.callsOf('issueInvoice')[0]?.args).toEqual([invoice]);
  });

  it.each([
    [{ ...invoice, amount: 0 }, 'amount'],
    [{ ...invoice, amount: 10.001 }, 'amount'],
    [{ ...invoice, dueDate: 'soon' }, 'dueDate'],
    [{ ...invoice, currency: 'DOLLARS' }, 'currency'],
  ])('refuses an invoice naming %#', async (body, field) => {
    const { app } = newTestApp();
    const res = await request(app).post('/api/v1/invoices').set('Authorization', bearer('sme')).send(body);
    expect(res.status).toBe(400);
    expect(fieldsOf(res)[0]?.field).toBe(field);
  });

  it('acknowledges, reads, lists its receivables and settles', async () => {
    const { app, ledger } = newTestApp();
    const ack = await request(app).post('/api/v1/invoices/inv-1/acknowledge').set('Authorization', bearer('buyer'));
    expect(ack.status).toBe(200);
    expect(dataOf(ack).status).toBe('ACKNOWLEDGED');
    await request(app).get('/api/v1/invoices/inv-1').set('Authorization', bearer('bank')).expect(200);
    const parts = await request(app).get('/api/v1/invoices/inv-1/receivables').set('Authorization', bearer('bank'));
    expect(listOf(parts)[0]).toMatchObject({ id: 'inv-1', invoiceId: 'inv-1' });
    const settled = await request(app)
      .post('/api/v1/invoices/inv-1/settle')
      .set('Authorization', bearer('buyer'))
      .send({ paidAt: '2024-03-01T10:00:00Z', paymentRef: 'WIRE-7781' });
    expect(settled.status).toBe(200);
    expect(ledger.callsOf('settleInvoice')[0]?.args).toEqual([
      'inv-1',
      { paidAt: '2024-03-01T10:00:00.000Z', paymentRef: 'WIRE-7781' },
    ]);
  });

  it('refuses a settlement without a payment reference', async () => {
    const { app } = newTestApp();
    const res = await request(app)
      .post('/api/v1/invoices/inv-1/settle')
      .set('Authorization', bearer('buyer'))
      .send({ paidAt: '2024-03-01' });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)[0]?.field).toBe('paymentRef');
  });
});
