import request from 'supertest';
import { bearer, fieldsOf, listOf, newTestApp } from '../../testing/test-app';

describe('record history route', () => {
  it('reads the history of a simple record with transaction ids', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app).get('/api/v1/records/contract/po-1/history').set('Authorization', bearer('bank'));
    expect(res.status).toBe(200);
    expect(listOf(res)[0]).toMatchObject({ txId: 'tx-history-1', isDelete: false });
    expect(ledger.callsOf('getHistory')[0]?.args).toEqual(['contract', ['po-1']]);
  });

  it('splits composite keys on ~ and canonicalises a production period start', async () => {
    const { app, ledger } = newTestApp();
    await request(app)
      .get(`/api/v1/records/production/${encodeURIComponent('sme-1~press-1~2018-01-01T08:15:00+08:00')}/history`)
      .set('Authorization', bearer('bank'))
      .expect(200);
    expect(ledger.callsOf('getHistory')[0]?.args).toEqual([
      'production',
      ['sme-1', 'press-1', '2018-01-01T00:15:00.000Z'],
    ]);
  });

  it.each([
    ['unknown', 'po-1', 'type'],
    ['consent', 'sme-1', 'id'],
    ['production', 'sme-1~press-1~noon', 'id'],
  ])('refuses /records/%s/%s/history naming %s', async (type, id, field) => {
    const { app, ledger } = newTestApp();
    const res = await request(app).get(`/api/v1/records/${type}/${id}/history`).set('Authorization', bearer('bank'));
    expect(res.status).toBe(400);
    expect(fieldsOf(res)[0]).toMatchObject({ field, in: 'path' });
    expect(ledger.calls).toHaveLength(0);
  });

  it('names the parts an id needs in plain words', async () => {
    const { app } = newTestApp();
    const res = await request(app)
      .get('/api/v1/records/enterprise/sme-1~x/history')
      .set('Authorization', bearer('sme'));
    expect(fieldsOf(res)).toEqual([
      { field: 'id', in: 'path', message: 'an enterprise is named by id (1 part joined by ~)' },
    ]);
  });
});
