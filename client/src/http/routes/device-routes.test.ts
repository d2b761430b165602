import request from 'supertest';
import { bearer, bodyOf, fieldsOf, listOf, newTestApp } from '../../testing/test-app';

const gatewayIdentity = 'x509::CN=agent-1@factory.scc.example::CN=ca.factory.scc.example';

describe('device routes', () => {
  it('registers a device of the key’s enterprise', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app)
      .post('/api/v1/enterprises/sme-1/devices')
      .set('Authorization', bearer('sme'))
      .send({ id: 'press-1', kind: 'stamping-press', gatewayIdentity });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/v1/enterprises/sme-1/devices/press-1');
    expect(bodyOf(res).transactionId).toMatch(/^tx-/);
    expect(ledger.callsOf('registerDevice')[0]?.args).toEqual([
      { id: 'press-1', kind: 'stamping-press', description: '', gatewayIdentity, enterpriseId: 'sme-1' },
    ]);
  });

  it('answers 403 for a device of another enterprise', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app)
      .post('/api/v1/enterprises/sme-2/devices')
      .set('Authorization', bearer('sme'))
      .send({ id: 'press-1', kind: 'press', gatewayIdentity });
    expect(res.status).toBe(403);
    expect(ledger.calls).toHaveLength(0);
  });

  it('answers 400 naming the field', async () => {
    const { app } = newTestApp();
    const res = await request(app)
      .post('/api/v1/enterprises/sme-1/devices')
      .set('Authorization', bearer('sme'))
      .send({ id: 'press-1', kind: '', gatewayIdentity, colour: 'red' });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'kind' }),
        { field: 'colour', in: 'body', message: 'is not a known field' },
      ]),
    );
  });

  it('lists and reads devices', async () => {
    const { app, ledger } = newTestApp();
    const list = await request(app).get('/api/v1/enterprises/sme-1/devices').set('Authorization', bearer('bank'));
    expect(list.status).toBe(200);
    expect(listOf(list)[0]).toMatchObject({ enterpriseId: 'sme-1', id: 'press-1' });
    expect(bodyOf(list).page).toEqual({ bookmark: '', fetchedCount: 1 });
    const one = await request(app)
      .get('/api/v1/enterprises/sme-1/devices/press-1')
      .set('Authorization', bearer('bank'));
    expect(one.status).toBe(200);
    expect(ledger.callsOf('getDevice')[0]?.args).toEqual(['sme-1', 'press-1']);
  });
});
