import request from 'supertest';
import { bearer, dataOf, fieldsOf, newTestApp } from '../../testing/test-app';

describe('delivery routes', () => {
  const shipment = {
    id: 'del-1',
    contractId: 'po-1',
    qty: 400,
    shippedAt: '2024-01-10T09:30:00+08:00',
    evidence: [{ enterpriseId: 'sme-1', deviceId: 'press-1', periodStart: '2024-01-09T00:00:00Z' }],
  };

  it('ships with production evidence, canonicalising times', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app).post('/api/v1/deliveries').set('Authorization', bearer('sme')).send(shipment);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/api/v1/deliveries/del-1');
    expect(ledger.callsOf('shipDelivery')[0]?.args).toEqual([
      {
        ...shipment,
        shippedAt: '2024-01-10T01:30:00.000Z',
        evidence: [{ enterpriseId: 'sme-1', deviceId: 'press-1', periodStart: '2024-01-09T00:00:00.000Z' }],
      },
    ]);
  });

  it.each([
    [{ ...shipment, qty: 0 }, 'qty'],
    [{ ...shipment, evidence: [{ enterpriseId: 'sme-1', deviceId: 'press-1' }] }, 'evidence[0].periodStart'],
    [{ ...shipment, shippedAt: '2024-01-10' }, 'shippedAt'],
    [{ ...shipment, evidence: [] }, 'evidence'],
  ])('refuses a shipment naming %#', async (body, field) => {
    const { app } = newTestApp();
    const res = await request(app).post('/api/v1/deliveries').set('Authorization', bearer('sme')).send(body);
    expect(res.status).toBe(400);
    expect(fieldsOf(res)[0]?.field).toBe(field);
  });

  it('receives a delivery and reads it', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app)
      .post('/api/v1/deliveries/del-1/receive')
      .set('Authorization', bearer('buyer'))
      .send({ receivedQty: 398, receivedAt: '2024-01-12' });
    expect(res.status).toBe(200);
    expect(dataOf(res).status).toBe('RECEIVED');
    expect(ledger.callsOf('receiveDelivery')[0]?.args).toEqual([
      'del-1',
      { receivedQty: 398, receivedAt: '2024-01-12' },
    ]);
    await request(app).get('/api/v1/deliveries/del-1').set('Authorization', bearer('bank')).expect(200);
  });

  it('refuses a negative received quantity', async () => {
    const { app } = newTestApp();
    const res = await request(app)
      .post('/api/v1/deliveries/del-1/receive')
      .set('Authorization', bearer('buyer'))
      .send({ receivedQty: -1, receivedAt: '2024-01-12' });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)[0]?.field).toBe('receivedQty');
  });
});
