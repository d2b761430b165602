import request from 'supertest';
import { bearer, dataOf, errorOf, fieldsOf, newTestApp } from '../../testing/test-app';

describe('enterprise routes', () => {
  it('registers the key’s own enterprise under its MSP ID and answers 201 with the transaction id', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app)
      .post('/api/v1/enterprises')
      .set('Authorization', bearer('sme'))
      .send({ id: 'sme-1', name: 'Acme Metal Works', role: 'SME' });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/v1/enterprises/sme-1');
    expect(res.body).toEqual({
      data: expect.objectContaining({
        id: 'sme-1',
        name: 'Acme Metal Works',
        role: 'SME',
        mspId: 'FactoryOrgMSP',
      }) as unknown,
      transactionId: 'tx-1',
    });
    expect(ledger.callsOf('registerEnterprise')).toEqual([
      {
        identity: 'factory-user',
        method: 'registerEnterprise',
        args: [{ id: 'sme-1', name: 'Acme Metal Works', role: 'SME', mspId: 'FactoryOrgMSP' }],
      },
    ]);
  });

  it('answers 403 when the key registers another enterprise', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app)
      .post('/api/v1/enterprises')
      .set('Authorization', bearer('sme'))
      .send({ id: 'someone-else', name: 'Other', role: 'SME' });
    expect(res.status).toBe(403);
    expect(errorOf(res)).toMatchObject({ code: 'FORBIDDEN', details: { field: 'id', actingFor: 'sme-1' } });
    expect(errorOf(res).message).toContain('someone-else');
    expect(ledger.calls).toHaveLength(0);
  });

  it.each([
    [{ id: 'sme-1', name: 'A', role: 'SUPPLIER' }, 'role'],
    [{ id: 'sme 1', name: 'A', role: 'SME' }, 'id'],
    [{ id: 'sme-1', role: 'SME' }, 'name'],
    [{ id: 'sme-1', name: 'A', role: 'SME', mspId: 'BankOrgMSP' }, 'mspId'],
    [{ id: 'sme-1', name: 42, role: 'SME' }, 'name'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const { app, ledger } = newTestApp();
    const res = await request(app).post('/api/v1/enterprises').set('Authorization', bearer('sme')).send(body);
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_ARGUMENT');
    expect(errorOf(res).message.startsWith(`${field}: `)).toBe(true);
    expect(fieldsOf(res)).toContainEqual(expect.objectContaining({ field, in: 'body' }));
    expect(ledger.calls).toHaveLength(0);
  });

  it('names a missing field as required', async () => {
    const { app } = newTestApp();
    const res = await request(app)
      .post('/api/v1/enterprises')
      .set('Authorization', bearer('sme'))
      .send({ id: 'sme-1', role: 'SME' });
    expect(fieldsOf(res)).toEqual([{ field: 'name', in: 'body', message: 'is required' }]);
  });

  it('reads an enterprise', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app).get('/api/v1/enterprises/buyer-1').set('Authorization', bearer('bank')).expect(200);
    expect(dataOf(res)).toMatchObject({ id: 'buyer-1' });
    expect(ledger.callsOf('getEnterprise')[0]?.args).toEqual(['buyer-1']);
  });

  it('refuses an invalid id in the path', async () => {
    const { app } = newTestApp();
    const res = await request(app)
      .get(`/api/v1/enterprises/${'x'.repeat(65)}`)
      .set('Authorization', bearer('bank'));
    expect(res.status).toBe(400);
    expect(fieldsOf(res)[0]).toMatchObject({ field: 'id', in: 'path' });
  });

  it('lists enterprises with paging', async () => {
    const { app, ledger } = newTestApp();
    ledger.answer('listEnterprises', () => ({ records: [], bookmark: 'next-page', fetchedCount: 0 }));
    const res = await request(app)
      .get('/api/v1/enterprises?pageSize=25&bookmark=abc')
      .set('Authorization', bearer('bank'))
      .expect(200);
    expect(res.body).toEqual({ data: [], page: { bookmark: 'next-page', fetchedCount: 0 } });
    expect(ledger.callsOf('listEnterprises')[0]?.args).toEqual([{ pageSize: 25, bookmark: 'abc' }]);
  });

  it.each(['0', '1001', 'ten', '1.5'])('refuses pageSize=%s', async (pageSize) => {
    const { app } = newTestApp();
    const res = await request(app).get(`/api/v1/enterprises?pageSize=${pageSize}`).set('Authorization', bearer('bank'));
    expect(res.status).toBe(400);
    expect(fieldsOf(res)[0]).toMatchObject({ field: 'pageSize', in: 'query' });
  });

  it('refuses unknown query parameters', async () => {
    const { app } = newTestApp();
    const res = await request(app).get('/api/v1/enterprises?limit=5').set('Authorization', bearer('bank'));
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual([{ field: 'limit', in: 'query', message: 'is not a known field' }]);
  });

  it('binds another identity to the key’s enterprise', async () => {
    const { app, ledger } = newTestApp();
    const identityId = 'x509::CN=agent-1::CN=ca.factory';
    const res = await request(app)
      .post('/api/v1/enterprises/sme-1/identities')
      .set('Authorization', bearer('sme'))
      .send({ identityId });
    expect(res.status).toBe(201);
    expect(dataOf(res)).toMatchObject({ identityId, enterpriseId: 'sme-1' });
    expect(ledger.callsOf('bindIdentity')[0]?.args).toEqual(['sme-1', identityId]);
  });

  it('refuses to bind identities to another enterprise', async () => {
    const { app } = newTestApp();
    const res = await request(app)
      .post('/api/v1/enterprises/buyer-1/identities')
      .set('Authorization', bearer('sme'))
      .send({ identityId: 'x509::a::b' });
    expect(res.status).toBe(403);
  });

  it('describes the caller with its ledger identity', async () => {
    const { app } = newTestApp();
    const res = await request(app).get('/api/v1/me').set('Authorization', bearer('buyer')).expect(200);
    expect(dataOf(res)).toEqual({
      keyName: 'buyer',
      enterpriseId: 'buyer-1',
      mspId: 'CoreOrgMSP',
      ledger: { identityId: 'x509::CN=core-user::CN=ca.example', mspId: 'FactoryOrgMSP' },
    });
  });
});
