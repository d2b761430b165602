import { createHash } from 'node:crypto';
import request from 'supertest';
import { sampleRecords } from '../../ledger/fake/sample-records';
import { bearer, bodyOf, dataOf, fieldsOf, listOf, newTestApp, TEST_NOW } from '../../testing/test-app';

describe('production routes', () => {
  it('queries an enterprise’s records in a range, canonicalising times', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app)
      .get('/api/v1/enterprises/sme-1/production')
      .query({ from: '2018-01-01T08:00:00+08:00', to: '2018-01-02T00:00:00Z', pageSize: '50' })
      .set('Authorization', bearer('bank'));
    expect(res.status).toBe(200);
    expect(listOf(res)).toHaveLength(1);
    expect(bodyOf(res).page).toEqual({ bookmark: '', fetchedCount: 1 });
    expect(ledger.callsOf('queryByEnterprise')[0]?.args).toEqual([
      'sme-1',
      { from: '2018-01-01T00:00:00.000Z', to: '2018-01-02T00:00:00.000Z' },
      { pageSize: 50, bookmark: undefined },
    ]);
  });

  it('reads an unencoded + of a time offset in the query, which arrives as a space', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app)
      .get('/api/v1/enterprises/sme-1/production?from=2018-01-01T08:00:00+08:00&to=2018-01-02T05:30:00.5+05:30')
      .set('Authorization', bearer('bank'));
    expect(res.status).toBe(200);
    expect(ledger.callsOf('queryByEnterprise')[0]?.args[1]).toEqual({
      from: '2018-01-01T00:00:00.000Z',
      to: '2018-01-02T00:00:00.500Z',
    });
    const profile = await request(app)
      .get('/api/v1/enterprises/sme-1/credit-profile?asOf=2018-06-30T08:00:00+08:00')
      .set('Authorization', bearer('bank'));
    expect(profile.status).toBe(200);
    expect(ledger.callsOf('getCreditProfile')[0]?.args).toEqual(['sme-1', '90', '2018-06-30T00:00:00.000Z']);
  });

  it('queries one device when deviceId is given', async () => {
    const { app, ledger } = newTestApp();
    await request(app)
      .get('/api/v1/enterprises/sme-1/production')
      .query({ from: '2018-01-01T00:00:00Z', to: '2018-01-02T00:00:00Z', deviceId: 'press-1', bookmark: 'b1' })
      .set('Authorization', bearer('sme'))
      .expect(200);
    expect(ledger.callsOf('queryByDevice')[0]?.args).toEqual([
      'sme-1',
      'press-1',
      { from: '2018-01-01T00:00:00.000Z', to: '2018-01-02T00:00:00.000Z' },
      { pageSize: undefined, bookmark: 'b1' },
    ]);
  });

  it.each([
    [{ from: '2018-02-30T00:00:00Z', to: '2018-03-02T00:00:00Z' }, 'from'],
    [{ from: '2018-01-01T00:00:00Z', to: '2018-01-01T24:00:00Z' }, 'to'],
    [{ from: '2018-01-02T00:00:00Z', to: '2018-01-01T00:00:00Z' }, 'to'],
    [{ from: '2018-01-01', to: '2018-01-02T00:00:00Z' }, 'from'],
    [{ to: '2018-01-02T00:00:00Z' }, 'from'],
    [{ from: '1969-12-31T23:59:59Z', to: '2018-01-02T00:00:00Z' }, 'from'],
  ])('refuses the range %j naming %s', async (query, field) => {
    const { app, ledger } = newTestApp();
    const res = await request(app)
      .get('/api/v1/enterprises/sme-1/production')
      .query(query)
      .set('Authorization', bearer('bank'));
    expect(res.status).toBe(400);
    expect(fieldsOf(res)[0]).toMatchObject({ field, in: 'query' });
    expect(ledger.calls).toHaveLength(0);
  });

  it('reads daily sums per device', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app)
      .get('/api/v1/enterprises/sme-1/production/daily?fromDay=2018-01-01&toDay=2018-01-31')
      .set('Authorization', bearer('bank'));
    expect(res.status).toBe(200);
    expect(listOf(res)[0]).toMatchObject({ enterpriseId: 'sme-1', day: '2018-01-01', unitsProduced: 11_520 });
    expect(ledger.callsOf('getDailySummaries')[0]?.args).toEqual(['sme-1', '2018-01-01', '2018-01-31']);
  });

  it.each([
    ['fromDay=2018-01-31&toDay=2018-01-01', 'toDay'],
    ['fromDay=2018-02-29&toDay=2018-03-01', 'fromDay'],
    ['toDay=2018-03-01', 'fromDay'],
  ])('refuses daily sums for %s naming %s', async (query, field) => {
    const { app } = newTestApp();
    const res = await request(app)
      .get(`/api/v1/enterprises/sme-1/production/daily?${query}`)
      .set('Authorization', bearer('bank'));
    expect(res.status).toBe(400);
    expect(fieldsOf(res)[0]).toMatchObject({ field, in: 'query' });
  });

  it('reads one record by its key', async () => {
    const { app, ledger } = newTestApp();
    const res = await request(app)
      .get('/api/v1/enterprises/sme-1/devices/press-1/production/2018-01-01T00:15:00Z')
      .set('Authorization', bearer('bank'));
    expect(res.status).toBe(200);
    expect(ledger.callsOf('getRecord')[0]?.args).toEqual([
      { enterpriseId: 'sme-1', deviceId: 'press-1', periodStart: '2018-01-01T00:15:00.000Z' },
    ]);
  });

  describe('credit profile', () => {
    it('reads the profile over a window as of a date', async () => {
      const { app, ledger } = newTestApp();
      const res = await request(app)
        .get('/api/v1/enterprises/sme-1/credit-profile?window=180d&asOf=2018-06-30')
        .set('Authorization', bearer('bank'));
      expect(res.status).toBe(200);
      expect(dataOf(res)).toMatchObject({ enterpriseId: 'sme-1', score: 640 });
      expect(ledger.callsOf('getCreditProfile')[0]?.args).toEqual(['sme-1', '180', '2018-06-30']);
    });

    it('defaults to 90 days as of now', async () => {
      const { app, ledger } = newTestApp();
      await request(app)
        .get('/api/v1/enterprises/sme-1/credit-profile')
        .set('Authorization', bearer('bank'))
        .expect(200);
      expect(ledger.callsOf('getCreditProfile')[0]?.args).toEqual(['sme-1', '90', TEST_NOW.toISOString()]);
    });

    it.each([
      ['window=30d', 'window'],
      ['window=365d&asOf=2018-13-01', 'asOf'],
      ['window=365d&asof=2018-01-01', 'asof'],
    ])('refuses %s naming %s', async (query, field) => {
      const { app } = newTestApp();
      const res = await request(app)
        .get(`/api/v1/enterprises/sme-1/credit-profile?${query}`)
        .set('Authorization', bearer('bank'));
      expect(res.status).toBe(400);
      expect(fieldsOf(res)[0]).toMatchObject({ field, in: 'query' });
    });
  });

  describe('raw-sample verification', () => {
    // The gateway agent's canonical line for this sample (see gateway-agent/src/sampling/canonical-sample.ts).
    const line = '{"d":"press-1","r":{"Zeta":[65535],"good":[0,12],"run":[1]},"t":"2024-01-01T00:00:00.000Z"}\n';
    const failed = '{"d":"press-1","e":"TIMEOUT","t":"2024-01-01T00:00:01.005Z"}\n';
    const digest = createHash('sha256')
      .update(line + failed)
      .digest('hex');
    const samples = [
      { deviceId: 'press-1', t: '2024-01-01T00:00:00Z', words: { run: [1], good: [0, 12], Zeta: [65535] } },
      { deviceId: 'press-1', t: Date.UTC(2024, 0, 1, 0, 0, 1, 5), error: 'TIMEOUT' },
    ];
    const key = { enterpriseId: 'sme-1', deviceId: 'press-1', periodStart: '2024-01-01T00:00:00.000Z' };

    function appWithRecord() {
      const test = newTestApp();
      test.ledger.answer('getRecord', (k) =>
        sampleRecords.productionRecord(k, { samplesDigest: digest, sampleCount: 2, txId: 'tx-record' }),
      );
      return test;
    }

    it('confirms samples whose digest is the one on the ledger', async () => {
      const { app, ledger } = appWithRecord();
      const res = await request(app)
        .post('/api/v1/production/verify')
        .set('Authorization', bearer('bank'))
        .send({ ...key, samples });
      expect(res.status).toBe(200);
      expect(dataOf(res)).toEqual({
        matches: true,
        computedDigest: digest,
        ledgerDigest: digest,
        sampleCount: 2,
        ledgerSampleCount: 2,
        record: { ...key, periodEnd: '2024-01-01T00:15:00.000Z', txId: 'tx-record' },
      });
      expect(ledger.callsOf('getRecord')[0]?.args).toEqual([key]);
    });

    it.each([
      ['a changed word', [{ ...samples[0], words: { run: [1], good: [0, 13], Zeta: [65535] } }, samples[1]]],
      ['reordered samples', [samples[1], samples[0]]],
      ['a dropped sample', [samples[0]]],
      ['a shifted time', [{ ...samples[0], t: '2024-01-01T00:00:00.001Z' }, samples[1]]],
    ])('reports a mismatch for %s', async (_what, altered) => {
      const { app } = appWithRecord();
      const res = await request(app)
        .post('/api/v1/production/verify')
        .set('Authorization', bearer('bank'))
        .send({ ...key, samples: altered });
      expect(res.status).toBe(200);
      expect(dataOf(res).matches).toBe(false);
      expect(dataOf(res).ledgerDigest).toBe(digest);
      expect(dataOf(res).computedDigest).not.toBe(digest);
    });

    it.each(['__proto__', '9lives', 'a b'])(
      'refuses a register named %s, which the agent never writes and the digest would not cover',
      async (name) => {
        const { app, ledger } = appWithRecord();
        const words = JSON.parse(`{"${name}":[9,9,9],"run":[1],"good":[0,12],"Zeta":[65535]}`) as object;
        const res = await request(app)
          .post('/api/v1/production/verify')
          .set('Authorization', bearer('bank'))
          .set('Content-Type', 'application/json')
          .send(JSON.stringify({ ...key, samples: [{ ...samples[0], words }, samples[1]] }));
        expect(res.status).toBe(400);
        expect(fieldsOf(res)[0]).toMatchObject({
          field: expect.stringMatching(/^samples\[0\]\.words/) as string,
          in: 'body',
        });
        expect(ledger.callsOf('getRecord')).toEqual([]);
      },
    );

    it.each([
      [{ ...key, samples: [] }, 'samples'],
      [{ ...key, samples: [{ deviceId: 'press-1', t: '2024-01-01T00:00:00Z' }] }, 'samples[0].words'],
      [
        { ...key, samples: [{ deviceId: 'press-1', t: '2024-01-01T00:00:00Z', words: { a: [70000] } }] },
        'samples[0].words.a[0]',
      ],
      [{ ...key, samples: [{ deviceId: 'press-1', t: 'yesterday', error: 'TIMEOUT' }] }, 'samples[0].t'],
      [{ ...key, periodStart: '2024-01-01 00:00', samples }, 'periodStart'],
    ])('refuses %j naming the field', async (body, field) => {
      const { app } = appWithRecord();
      const res = await request(app).post('/api/v1/production/verify').set('Authorization', bearer('bank')).send(body);
      expect(res.status).toBe(400);
      expect(fieldsOf(res).map((f) => f.field)).toContain(field);
    });
  });
});
