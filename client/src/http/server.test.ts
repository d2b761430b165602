import { status as GrpcStatus } from '@grpc/grpc-js';
import request from 'supertest';
import { LedgerError, type LedgerErrorOptions } from '../ledger/ledger-error';
import { bearer, bodyOf, errorOf, fieldsOf, newTestApp } from '../testing/test-app';

describe('authentication', () => {
  const { app, ledger } = newTestApp();

  it('answers 401 without an Authorization header, with the error shape and a Bearer challenge', async () => {
    const res = await request(app).get('/api/v1/enterprises/sme-1');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(res.body).toEqual({
      error: {
        code: 'UNAUTHENTICATED',
        message: expect.stringContaining('Bearer') as string,
        details: {},
        requestId: expect.any(String) as string,
      },
    });
    expect(ledger.calls).toHaveLength(0);
  });

  it('answers 401 for an unknown key', async () => {
    const res = await request(app).get('/api/v1/enterprises/sme-1').set('Authorization', 'Bearer not-a-key');
    expect(res.status).toBe(401);
    expect(errorOf(res).message).toBe('the API key is not known');
  });

  it('answers 401 for another scheme', async () => {
    const res = await request(app).get('/api/v1/enterprises/sme-1').set('Authorization', 'Basic dXNlcjpwdw==');
    expect(res.status).toBe(401);
    expect(errorOf(res).code).toBe('UNAUTHENTICATED');
  });

  it('answers 401 before reading a body, even an invalid one', async () => {
    const res = await request(app).post('/api/v1/contracts').set('Content-Type', 'application/json').send('{oops');
    expect(res.status).toBe(401);
  });

  it('answers 401 when a request carries more than one Authorization header, whichever comes first', async () => {
    for (const headers of [
      [bearer('sme'), 'Bearer not-a-key'],
      ['Bearer not-a-key', bearer('sme')],
      [bearer('sme'), bearer('bank')],
    ]) {
      // superagent sends an array as repeated headers; its types allow arrays only for Cookie.
      const res = await request(app)
        .get('/api/v1/me')
        .set('Authorization', headers as unknown as string);
      expect(res.status).toBe(401);
      expect(errorOf(res)).toMatchObject({
        code: 'UNAUTHENTICATED',
        message: 'send one Authorization header, not 2',
      });
    }
  });

  it('accepts the scheme in any case', async () => {
    const res = await request(app)
      .get('/api/v1/enterprises/sme-1')
      .set('Authorization', bearer('sme').replace('Bearer', 'bearer'));
    expect(res.status).toBe(200);
    expect(res.headers['www-authenticate']).toBeUndefined();
  });

  it('calls the ledger as the identity mapped to the key', async () => {
    await request(app).get('/api/v1/enterprises/sme-1').set('Authorization', bearer('bank')).expect(200);
    expect(ledger.calls.at(-1)).toEqual({ identity: 'bank-user', method: 'getEnterprise', args: ['sme-1'] });
  });

  it.each(['/health', '/openapi.json', '/docs/'])('serves %s without a key', async (path) => {
    const res = await request(app).get(path);
    expect(res.status).toBe(200);
  });
});

describe('system routes', () => {
  it('reports the ledger as up or down on /health', async () => {
    await request(newTestApp({ ledgerUp: true }).app)
      .get('/health')
      .expect(200, { status: 'ok', ledger: 'up' });
    await request(newTestApp({ ledgerUp: false }).app)
      .get('/health')
      .expect(200, { status: 'ok', ledger: 'down' });
  });

  it('serves the OpenAPI document and a human page for it', async () => {
    const { app } = newTestApp();
    const doc = await request(app).get('/openapi.json').expect(200);
    expect(bodyOf(doc).openapi).toBe('3.0.3');
    const page = await request(app).get('/docs/').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('swagger-ui');
  });
});

describe('cross-cutting behaviour', () => {
  const { app } = newTestApp({ bodyLimit: '1kb' });

  it('gives every response a request id and echoes a well-formed one', async () => {
    const generated = await request(app).get('/health');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await request(app)
      .get('/api/v1/me')
      .set('X-Request-Id', 'bank-trace-0001')
      .set('Authorization', bearer('bank'));
    expect(echoed.headers['x-request-id']).toBe('bank-trace-0001');
    const refused = await request(app).get('/api/v1/me').set('X-Request-Id', 'bad id <script>');
    expect(refused.headers['x-request-id']).not.toBe('bad id <script>');
    expect(errorOf(refused).requestId).toBe(refused.headers['x-request-id']);
  });

  it('sets helmet security headers and no X-Powered-By', async () => {
    const res = await request(app).get('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('marks API answers as not cacheable', async () => {
    const res = await request(app).get('/api/v1/me').set('Authorization', bearer('sme'));
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers.etag).toBeUndefined();
  });

  it('answers 400 INVALID_JSON for a malformed body', async () => {
    const res = await request(app)
      .post('/api/v1/contracts')
      .set('Authorization', bearer('sme'))
      .set('Content-Type', 'application/json')
      .send('{"id": "po-1",');
    expect(res.status).toBe(400);
    expect(errorOf(res).code).toBe('INVALID_JSON');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js:\d+/);
  });

  it.each(['null', '"po-1"', '42', 'true'])(
    'answers 400 INVALID_ARGUMENT naming the body for the JSON value %s instead of an object',
    async (text) => {
      const res = await request(app)
        .post('/api/v1/contracts/po-1/reject')
        .set('Authorization', bearer('sme'))
        .set('Content-Type', 'application/json')
        .send(text);
      expect(res.status).toBe(400);
      expect(errorOf(res)).toMatchObject({ code: 'INVALID_ARGUMENT', message: 'body: must be a JSON object' });
      expect(fieldsOf(res)).toEqual([{ field: 'body', in: 'body', message: 'must be a JSON object' }]);
    },
  );

  it('answers 400 naming the URL, not the body, for a path that is not valid percent-encoding', async () => {
    for (const path of ['/api/v1/contracts/%E0%A4%A', '/api/v1/contracts/%zz/confirm']) {
      const res = await request(app).get(path).set('Authorization', bearer('sme'));
      expect(res.status).toBe(400);
      expect(errorOf(res)).toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: 'the URL path is not valid percent-encoding',
      });
    }
  });

  it('answers 413 for a body over the limit', async () => {
    const res = await request(app)
      .post('/api/v1/contracts/po-1/reject')
      .set('Authorization', bearer('sme'))
      .send({ reason: 'x'.repeat(2048) });
    expect(res.status).toBe(413);
    expect(errorOf(res).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 415 for a body that is not JSON', async () => {
    const res = await request(app)
      .post('/api/v1/contracts/po-1/reject')
      .set('Authorization', bearer('sme'))
      .set('Content-Type', 'text/plain')
      .send('reason=late');
    expect(res.status).toBe(415);
    expect(errorOf(res).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers 404 ROUTE_NOT_FOUND for unknown routes, with the error shape', async () => {
    const res = await request(app).get('/api/v1/nothing-here').set('Authorization', bearer('sme'));
    expect(res.status).toBe(404);
    expect(errorOf(res)).toMatchObject({ code: 'ROUTE_NOT_FOUND', details: {} });
    await request(app).get('/elsewhere').expect(404);
  });

  it('refuses a body on operations that take none', async () => {
    const res = await request(app)
      .post('/api/v1/contracts/po-1/confirm')
      .set('Authorization', bearer('buyer'))
      .send({ force: true });
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual([{ field: 'body', message: 'this operation takes no request body' }]);
  });
});

describe('error mapping', () => {
  const base: LedgerErrorOptions = {
    failure: 'refused',
    stage: 'endorse',
    message: '',
    transactionName: 'trade:GetContract',
  };
  const peers = [
    { mspId: 'FactoryOrgMSP', address: 'peer0.factory.scc.example:7051', message: 'chaincode response 500, X' },
  ];

  it.each([
    ['INVALID_ARGUMENT', 400],
    ['NOT_FOUND', 404],
    ['FORBIDDEN', 403],
    ['CONSENT_REQUIRED', 403],
    ['CONFLICT', 409],
    ['INVALID_STATE', 409],
    ['ALREADY_EXISTS', 409],
    ['ALREADY_FINANCED', 409],
    ['LIMIT_EXCEEDED', 422],
  ] as const)('maps the chaincode code %s to HTTP %i with stage, transaction id and peers', async (code, status) => {
    const { app, ledger } = newTestApp();
    ledger.fail(
      'getContract',
      new LedgerError({
        ...base,
        chaincodeCode: code,
        message: `${code}: contract po-1 says no`,
        transactionId: 'tx-abc',
        grpcCode: GrpcStatus.ABORTED,
        peers,
      }),
    );
    const res = await request(app).get('/api/v1/contracts/po-1').set('Authorization', bearer('bank'));
    expect(res.status).toBe(status);
    expect(res.body).toEqual({
      error: {
        code,
        message: 'contract po-1 says no',
        details: { transaction: 'trade:GetContract', stage: 'endorse', transactionId: 'tx-abc', peers },
        requestId: res.headers['x-request-id'],
      },
    });
  });

  it('answers 503 with Retry-After when the ledger cannot be reached', async () => {
    const { app, ledger } = newTestApp();
    ledger.fail(
      'confirmContract',
      new LedgerError({
        ...base,
        failure: 'unavailable',
        stage: 'commit',
        transactionName: 'trade:ConfirmContract',
        transactionId: 'tx-late',
        grpcCode: GrpcStatus.DEADLINE_EXCEEDED,
        message: 'the ledger did not answer trade:ConfirmContract in time or could not be reached: 4 DEADLINE_EXCEEDED',
      }),
    );
    const res = await request(app).post('/api/v1/contracts/po-1/confirm').set('Authorization', bearer('buyer'));
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('7');
    expect(errorOf(res)).toMatchObject({
      code: 'LEDGER_UNAVAILABLE',
      details: { stage: 'commit', transactionId: 'tx-late', transaction: 'trade:ConfirmContract', peers: [] },
    });
  });

  it.each([
    ['conflict', 409, 'TRANSACTION_CONFLICT', 'MVCC_READ_CONFLICT'],
    ['invalid', 502, 'TRANSACTION_INVALID', 'ENDORSEMENT_POLICY_FAILURE'],
  ] as const)('maps a %s commit to %i %s with the validation code', async (failure, status, code, validationCode) => {
    const { app, ledger } = newTestApp();
    ledger.fail(
      'financeReceivable',
      new LedgerError({
        ...base,
        failure,
        stage: 'commit',
        transactionName: 'trade:FinanceReceivable',
        transactionId: 'tx-commit',
        validationCode,
        message: `trade:FinanceReceivable committed as ${validationCode}`,
      }),
    );
    const res = await request(app)
      .post('/api/v1/receivables/inv-1/finance')
      .set('Authorization', bearer('bank'))
      .send({ advanceAmount: 100, ratePercent: 5 });
    expect(res.status).toBe(status);
    expect(errorOf(res)).toMatchObject({
      code,
      details: { stage: 'commit', transactionId: 'tx-commit', validationCode },
    });
  });

  it('answers 502 LEDGER_ERROR for other Fabric failures, keeping the peers', async () => {
    const { app, ledger } = newTestApp();
    ledger.fail(
      'getInvoice',
      new LedgerError({ ...base, failure: 'failed', message: 'trade:GetInvoice failed: 10 ABORTED', peers }),
    );
    const res = await request(app).get('/api/v1/invoices/inv-1').set('Authorization', bearer('bank'));
    expect(res.status).toBe(502);
    expect(errorOf(res)).toMatchObject({ code: 'LEDGER_ERROR', details: { peers } });
  });

  it('answers 500 without internals for unexpected errors', async () => {
    const { app, ledger } = newTestApp();
    ledger.fail('getInvoice', new TypeError('cannot read properties of undefined (reading secretThing)'));
    const res = await request(app).get('/api/v1/invoices/inv-1').set('Authorization', bearer('bank'));
    expect(res.status).toBe(500);
    expect(errorOf(res)).toMatchObject({ code: 'INTERNAL', details: {} });
    expect(JSON.stringify(res.body)).not.toContain('secretThing');
    expect(JSON.stringify(res.body)).not.toMatch(/\.ts:\d+/);
  });
});
