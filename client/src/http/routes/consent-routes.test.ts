import request from 'supertest';
import { bearer, bodyOf, dataOf, fieldsOf, listOf, newTestApp } from '../../testing/test-app';

describe('consent routes', () => {
  const grant = { bankId: 'bank-1', scopes: ['production', 'profile'], expiresAt: '2030-01-01T00:00:00+01:00' };

  it('grants a bank access for the key’s SME, canonicalising the expiry', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app)
      .post('/api/v1/enterprises/sme-1/consents')
      .set('Authorization', bearer('sme'))
      .send(grant);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/v1/enterprises/sme-1/consents/bank-1');
    expect(bodyOf(res).transactionId).toMatch(/^tx-/);
    expect(ledger.callsOf('grantConsent')[0]).toEqual({
      identity: 'factory-user',
      method: 'grantConsent',
      args: ['bank-1', ['production', 'profile'], '2029-12-31T23:00:00.000Z'],
    });
  });

  it('answers 403 when granting for another SME', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app)
      .post('/api/v1/enterprises/sme-9/consents')
      .set('Authorization', bearer('sme'))
      .send(grant);
    expect(res.status).toBe(403);
    expect(ledger.calls).toHaveLength(0);
  });

  it.each([
    [{ ...grant, scopes: [] }, 'scopes'],
    [{ ...grant, scopes: ['everything'] }, 'scopes[0]'],
    [{ ...grant, scopes: ['trade', 'trade'] }, 'scopes'],
    [{ ...grant, expiresAt: '2030-02-29T00:00:00Z' }, 'expiresAt'],
    [{ ...grant, bankId: undefined }, 'bankId'],
  ])('refuses %j naming the field', async (body, field) => {
    const { app } = newTestApp();
    const res = await request(app)
      .post('/api/v1/enterprises/sme-1/consents')
      .set('Authorization', bearer('sme'))
      .send(body);
    expect(res.status).toBe(400);
    expect(fieldsOf(res)[0]?.field).toBe(field);
  });

  it('lists, reads and revokes grants', async () => {
    const { app, ledger } = newTestApp();
    const list = await request(app).get('/api/v1/enterprises/sme-1/consents').set('Authorization', bearer('bank'));
    expect(list.status).toBe(200);
    expect(listOf(list)[0]).toMatchObject({ smeId: 'sme-1', bankId: 'bank-1' });
    const one = await request(app)
      .get('/api/v1/enterprises/sme-1/consents/bank-1')
      .set('Authorization', bearer('bank'));
    expect(one.status).toBe(200);
    expect(ledger.callsOf('getConsent')[0]?.args).toEqual(['sme-1', 'bank-1']);
    const revoked = await request(app)
      .delete('/api/v1/enterprises/sme-1/consents/bank-1')
      .set('Authorization', bearer('sme'));
    expect(revoked.status).toBe(200);
    expect(dataOf(revoked).revokedAt).toBeDefined();
    expect(bodyOf(revoked).transactionId).toMatch(/^tx-/);
    expect(ledger.callsOf('revokeConsent')[0]?.args).toEqual(['bank-1']);
  });

  it('answers 403 when a bank tries to revoke the SME’s grant', async () => {
    const { app } = newTestApp();
    const res = await request(app)
      .delete('/api/v1/enterprises/sme-1/consents/bank-1')
      .set('Authorization', bearer('bank'));
    expect(res.status).toBe(403);
  });
});
