import request from 'supertest';
import { bearer, bodyOf, dataOf, errorOf, fieldsOf, newTestApp } from '../../testing/test-app';

describe('reconciliation routes', () => {
  const opening = {
    id: 'rec-2024-01',
    period: { from: '2024-01-01T00:00:00Z', to: '2024-02-01T00:00:00Z' },
    parties: ['sme-1', 'buyer-1'],
  };

  it('opens a reconciliation as one of the parties', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app).post('/api/v1/reconciliations').set('Authorization', bearer('sme')).send(opening);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/v1/reconciliations/rec-2024-01');
    expect(ledger.callsOf('openReconciliation')[0]?.args).toEqual([
      { ...opening, period: { from: '2024-01-01T00:00:00.000Z', to: '2024-02-01T00:00:00.000Z' } },
    ]);
  });

  it('answers 403 when the key’s enterprise is not a party', async () => {
    const { app } = newTestApp();
    const res = await request(app).post('/api/v1/reconciliations').set('Authorization', bearer('bank')).send(opening);
    expect(res.status).toBe(403);
    expect(errorOf(res).details.field).toBe('parties');
  });

  it.each([
    [{ ...opening, parties: ['sme-1'] }, 'parties'],
    [{ ...opening, parties: ['sme-1', 'sme-1'] }, 'parties'],
    [{ ...opening, period: { from: '2024-02-01T00:00:00Z', to: '2024-01-01T00:00:00Z' } }, 'period.to'],
  ])('refuses an opening naming %#', async (body, field) => {
    const { app } = newTestApp();
    const res = await request(app).post('/api/v1/reconciliations').set('Authorization', bearer('sme')).send(body);
    expect(res.status).toBe(400);
    expect(fieldsOf(res)[0]?.field).toBe(field);
  });

  it('submits a statement and reads the report', async () => {
    const { app, ledger } = newTestApp();
    const lines = [
      { ref: 'del-1', kind: 'DELIVERY', qty: 400 },
      { ref: 'inv-1', kind: 'INVOICE', amount: 99.5 },
    ];
    const res = await request(app)
      .post('/api/v1/reconciliations/rec-2024-01/statements')
      .set('Authorization', bearer('buyer'))
      .send({ lines });
    expect(res.status).toBe(200);
    expect(bodyOf(res).transactionId).toMatch(/^tx-/);
    expect(ledger.callsOf('submitStatement')[0]?.args).toEqual(['rec-2024-01', lines]);
    ledger.answer('getReconciliation', (id) => ({
      id,
      period: opening.period,
      parties: opening.parties,
      openedBy: 'sme-1',
      openedAt: '2024-02-01T00:00:00.000Z',
      submitted: ['sme-1', 'buyer-1'],
      status: 'COMPLETED' as const,
      result: {
        matched: 1,
        mismatched: 1,
        missing: 0,
        lines: [{ ref: 'del-1', kind: 'DELIVERY', status: 'MATCHED' as const }],
      },
    }));
    const report = await request(app).get('/api/v1/reconciliations/rec-2024-01').set('Authorization', bearer('bank'));
    expect(report.status).toBe(200);
    expect(dataOf(report).result).toMatchObject({ matched: 1, mismatched: 1 });
  });

  it('refuses a statement line of an unknown kind', async () => {
    const { app } = newTestApp();
    const res = await request(app)
      .post('/api/v1/reconciliations/rec-1/statements')
      .set('Authorization', bearer('buyer'))
      .send({ lines: [{ ref: 'x', kind: 'REFUND' }] });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)[0]?.field).toBe('lines[0].kind');
  });
});
