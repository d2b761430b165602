import request from 'supertest';
import { bearer, dataOf, fieldsOf, listOf, newTestApp } from '../../testing/test-app';

describe('receivable routes', () => {
  it('reads a receivable', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app).get('/api/v1/receivables/inv-1').set('Authorization', bearer('bank'));
    expect(res.status).toBe(200);
    expect(dataOf(res)).toMatchObject({ id: 'inv-1', status: 'ACKNOWLEDGED' });
    expect(ledger.callsOf('getReceivable')[0]?.args).toEqual(['inv-1']);
  });

  it('finances a receivable', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app)
      .post('/api/v1/receivables/inv-1/finance')
      .set('Authorization', bearer('bank'))
      .send({ advanceAmount: 200, ratePercent: 6.5 });
    expect(res.status).toBe(200);
    expect(dataOf(res).status).toBe('FINANCED');
    expect(ledger.callsOf('financeReceivable')[0]).toEqual({
      identity: 'bank-user',
      method: 'financeReceivable',
      args: ['inv-1', { advanceAmount: 200, ratePercent: 6.5 }],
    });
  });

  it.each([
    [{ advanceAmount: -5, ratePercent: 5 }, 'advanceAmount'],
    [{ advanceAmount: 5, ratePercent: 101 }, 'ratePercent'],
    [{ advanceAmount: 5 }, 'ratePercent'],
  ])('refuses financing terms %j', async (body, field) => {
    const { app } = newTestApp();
    const res = await request(app)
      .post('/api/v1/receivables/inv-1/finance')
      .set('Authorization', bearer('bank'))
      .send(body);
    expect(res.status).toBe(400);
    expect(fieldsOf(res)[0]?.field).toBe(field);
  });

  it('splits into parts and answers 201 with them', async () => {
    const { app, ledger } = newTestApp();
    const parts = [
      { id: 'inv-1-a', amount: 150 },
      { id: 'inv-1-b', amount: 100 },
    ];
    const res = await request(app)
      .post('/api/v1/receivables/inv-1/split')
      .set('Authorization', bearer('sme'))
      .send({ parts });
    expect(res.status).toBe(201);
    expect(listOf(res).map((p) => p.id)).toEqual(['inv-1-a', 'inv-1-b']);
    expect(ledger.callsOf('splitReceivable')[0]?.args).toEqual(['inv-1', parts]);
  });

  it('needs two parts to split', async () => {
    const { app } = newTestApp();
    const res = await request(app)
      .post('/api/v1/receivables/inv-1/split')
      .set('Authorization', bearer('sme'))
      .send({ parts: [{ id: 'only', amount: 250 }] });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)[0]?.field).toBe('parts');
  });

  it('transfers upstream', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app)
      .post('/api/v1/receivables/inv-1-a/transfer')
      .set('Authorization', bearer('sme'))
      .send({ toEnterpriseId: 'sme-2' });
    expect(res.status).toBe(200);
    expect(dataOf(res).holderId).toBe('sme-2');
    expect(ledger.callsOf('transferReceivable')[0]?.args).toEqual(['inv-1-a', 'sme-2']);
  });

  it('refuses a transfer without a target', async () => {
    const { app } = newTestApp();
    const res = await request(app)
      .post('/api/v1/receivables/inv-1-a/transfer')
      .set('Authorization', bearer('sme'))
      .send({});
    expect(res.status).toBe(400);
    expect(fieldsOf(res)[0]?.field).toBe('toEnterpriseId');
  });
});
