import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadNetwork, mintIdentity, uniqueId } from '../../../test/support/fabric';
import { openLedgerConnection } from '../../src/ledger/fabric/ledger-connection';
import { startApiInstance, type ApiInstance, type ApiResponse, type Json } from './api-instance';
import { runGatewayAgent, type AnchoredPeriod } from './production-run';

jest.setTimeout(180_000);

/** Asserts the status, showing the response body when it differs. */
function expectStatus(res: ApiResponse, status: number): void {
  expect({ status: res.status, body: res.body }).toEqual({ status, body: res.body });
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${JSON.stringify(res.body)}`);
}

/** The canonical sample line of the gateway agent, back into the API's sample shape. */
function sampleOfLine(line: string): Json {
  const parsed = JSON.parse(line) as { d: string; t: string; r?: Record<string, number[]>; e?: string };
  return {
    deviceId: parsed.d,
    t: parsed.t,
    ...(parsed.r === undefined ? {} : { words: parsed.r }),
    ...(parsed.e === undefined ? {} : { error: parsed.e }),
  };
}

/**
 * Three organisations each run their own API instance over their own peer with a fresh identity:
 * the factory (SME), its buyer (CORE) and a bank. The factory's gateway agent reports real
 * production (the AI4I 2020 replay) to the ledger; everything else goes through the REST API.
 */
describe('REST API over the Fabric network', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-api-it-'));
  const smeId = uniqueId('sme');
  const buyerId = uniqueId('buyer');
  const bankId = uniqueId('bank');
  const contractId = uniqueId('po');
  const deliveryId = uniqueId('del');
  const invoiceId = uniqueId('inv');
  const reconciliationId = uniqueId('rec');
  const documentHash = crypto
    .createHash('sha256')
    .update(`purchase order ${contractId}: 1000 x BRKT-7 at 2.50 USD, delivery in 30 days`)
    .digest('hex');
  const agentIdentity = mintIdentity('factory', 'gateway-agent');

  let factory: ApiInstance;
  let buyer: ApiInstance;
  let bank: ApiInstance;
  let periods: AnchoredPeriod[] = [];
  const transactions: Record<string, string> = {};

  beforeAll(async () => {
    factory = await startApiInstance('factory', mintIdentity('factory', 'api-sme'), smeId, dir);
    buyer = await startApiInstance('core', mintIdentity('core', 'api-buyer'), buyerId, dir);
    bank = await startApiInstance('bank', mintIdentity('bank', 'api-bank'), bankId, dir);
  });

  afterAll(async () => {
    await Promise.all([factory.close(), buyer.close(), bank.close()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves /health with the peer up, and the OpenAPI document', async () => {
    const health = await fetch(`${bank.api.url}/health`);
    expect(await health.json()).toEqual({ status: 'ok', ledger: 'up' });
    const doc = (await (await fetch(`${bank.api.url}/openapi.json`)).json()) as { openapi: string };
    expect(doc.openapi).toBe('3.0.3');
  });

  it('answers 401 for an unknown key and 403 when registering another enterprise', async () => {
    const unknown = await bank.request('GET', '/api/v1/me', undefined, 'not-a-key');
    expectStatus(unknown, 401);
    const other = await bank.request('POST', '/api/v1/enterprises', { id: smeId, name: 'Not mine', role: 'BANK' });
    expectStatus(other, 403);
    expect(other.error.code).toBe('FORBIDDEN');
  });

  it('registers each organisation’s enterprise, waiting for the commit', async () => {
    const cases: [ApiInstance, string, string, string][] = [
      [factory, smeId, 'Acme Brackets Ltd', 'SME'],
      [buyer, buyerId, 'Big Buyer Manufacturing', 'CORE'],
      [bank, bankId, 'First Commerce Bank', 'BANK'],
    ];
    for (const [instance, id, name, role] of cases) {
      const res = await instance.request('POST', '/api/v1/enterprises', { id, name, role });
      expect([res.status, res.body]).toEqual([
        201,
        expect.objectContaining({ transactionId: expect.any(String) as string }),
      ]);
      expect(res.data).toMatchObject({ id, name, role });
      expect(res.headers.get('location')).toBe(`/api/v1/enterprises/${id}`);
    }
    const again = await factory.request('POST', '/api/v1/enterprises', { id: smeId, name: 'Again', role: 'SME' });
    expectStatus(again, 409);
    const me = await bank.request('GET', '/api/v1/me');
    expect(me.data).toMatchObject({ enterpriseId: bankId, mspId: 'BankOrgMSP', ledger: { enterpriseId: bankId } });
    const read = await bank.request('GET', `/api/v1/enterprises/${smeId}`);
    expect(read.data).toMatchObject({ id: smeId, role: 'SME', mspId: 'FactoryOrgMSP' });
  });

  it('registers the factory’s machine with its gateway agent’s identity', async () => {
    const net = loadNetwork();
    const peer = net.orgs.factory;
    const connection = openLedgerConnection(
      {
        peerEndpoint: peer.peerEndpoint,
        peerHostAlias: peer.peerHostAlias,
        tlsCaCert: peer.tlsCaCert,
        channel: net.channel,
        chaincode: net.chaincode,
        timeouts: { evaluateMs: 30_000, endorseMs: 60_000, submitMs: 30_000, commitStatusMs: 120_000 },
        retry: { maxAttempts: 3, backoffMs: 250 },
        retryAfterSeconds: 5,
      },
      { agent: { mspId: agentIdentity.mspId, certPath: agentIdentity.certPath, keyPath: agentIdentity.keyPath } },
    );
    const { identityId } = await connection.forIdentity('agent').whoAmI();
    connection.close();
    const res = await factory.request('POST', `/api/v1/enterprises/${smeId}/devices`, {
      id: 'mill-1',
      kind: 'milling-machine',
      description: 'AI4I 2020 replay',
      gatewayIdentity: identityId,
    });
    expectStatus(res, 201);
    expect(res.data).toMatchObject({ id: 'mill-1', enterpriseId: smeId, gatewayIdentity: identityId });
  });

  it('receives real production from the gateway agent', async () => {
    periods = await runGatewayAgent(smeId, agentIdentity, path.join(dir, 'agent'), 2);
    expect(periods).toHaveLength(2);
    expect(periods.every((p) => p.sampleCount > 0 && p.lines.length === p.sampleCount)).toBe(true);
    const first = periods[0]!;
    const own = await factory.request(
      'GET',
      `/api/v1/enterprises/${smeId}/production?from=${encodeURIComponent(first.periodStart)}&to=${encodeURIComponent(
        new Date(Date.now() + 3_600_000).toISOString(),
      )}&deviceId=mill-1`,
    );
    expectStatus(own, 200);
    expect(own.list[0]).toMatchObject({ periodStart: first.periodStart, samplesDigest: first.samplesDigest });
  });

  it('refuses the bank without consent, then serves it once the SME grants consent', async () => {
    const window = `/api/v1/enterprises/${smeId}/credit-profile?window=90d`;
    const refused = await bank.request('GET', window);
    expectStatus(refused, 403);
    expect(refused.error.code).toBe('CONSENT_REQUIRED');
    expect(refused.error.details).toMatchObject({ stage: 'evaluate', transaction: 'profile:GetCreditProfile' });

    const forOther = await factory.request('POST', `/api/v1/enterprises/${buyerId}/consents`, {
      bankId,
      scopes: ['profile'],
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expectStatus(forOther, 403);

    const granted = await factory.request('POST', `/api/v1/enterprises/${smeId}/consents`, {
      bankId,
      scopes: ['production', 'profile', 'trade', 'receivables'],
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    });
    expectStatus(granted, 201);
    expect(granted.data).toMatchObject({ smeId, bankId });
    transactions.consent = granted.body.transactionId as string;

    const profile = await bank.request('GET', window);
    expectStatus(profile, 200);
    expect(profile.data).toMatchObject({ enterpriseId: smeId, windowDays: 90 });
    expect(typeof profile.data.score).toBe('number');
    expect(Array.isArray(profile.data.factors)).toBe(true);

    const days = [...new Set(periods.map((p) => p.periodStart.slice(0, 10)))].sort();
    const daily = await bank.request(
      'GET',
      `/api/v1/enterprises/${smeId}/production/daily?fromDay=${days[0]!}&toDay=${days.at(-1)!}`,
    );
    expectStatus(daily, 200);
    const mill = daily.list.filter((d) => d.deviceId === 'mill-1');
    const summed = (field: 'records' | 'unitsProduced' | 'sampleCount'): number =>
      mill.reduce((sum, d) => sum + (d[field] as number), 0);
    expect(summed('records')).toBeGreaterThanOrEqual(periods.length);
    expect(summed('sampleCount')).toBeGreaterThanOrEqual(periods.reduce((sum, p) => sum + p.sampleCount, 0));
    expect(summed('unitsProduced')).toBeGreaterThanOrEqual(periods.reduce((sum, p) => sum + p.unitsProduced, 0));

    const listed = await bank.request('GET', `/api/v1/enterprises/${smeId}/consents/${bankId}`);
    expect(listed.data).toMatchObject({ smeId, bankId, scopes: expect.arrayContaining(['profile']) as string[] });
  });

  it('verifies raw samples against the ledger digest: true for the real ones, false for an altered one', async () => {
    const period = periods[0]!;
    const samples = period.lines.map(sampleOfLine);
    const key = { enterpriseId: smeId, deviceId: 'mill-1', periodStart: period.periodStart };
    const real = await bank.request('POST', '/api/v1/production/verify', { ...key, samples });
    expectStatus(real, 200);
    expect(real.data).toMatchObject({
      matches: true,
      computedDigest: period.samplesDigest,
      ledgerDigest: period.samplesDigest,
      sampleCount: period.sampleCount,
    });

    const index = samples.findIndex((s) => s.words !== undefined);
    expect(index).toBeGreaterThanOrEqual(0);
    const good = samples[index] as { words: Record<string, number[]> };
    const [name, words] = Object.entries(good.words)[0]!;
    const altered = samples.map((s, i) =>
      i === index ? { ...s, words: { ...good.words, [name]: [((words[0] ?? 0) + 1) % 65536, ...words.slice(1)] } } : s,
    );
    const fake = await bank.request('POST', '/api/v1/production/verify', { ...key, samples: altered });
    expectStatus(fake, 200);
    expect(fake.data).toMatchObject({ matches: false, ledgerDigest: period.samplesDigest });
    expect(fake.data.computedDigest).not.toBe(period.samplesDigest);
  });

  it('confirms a purchase order by both sides and verifies it by document hash', async () => {
    const proposed = await buyer.request('POST', '/api/v1/contracts', {
      id: contractId,
      buyerId,
      sellerId: smeId,
      documentHash,
      lines: [{ sku: 'BRKT-7', qty: 1000, unitPrice: 2.5 }],
      currency: 'USD',
      deliveryDue: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      paymentTermsDays: 60,
    });
    expectStatus(proposed, 201);
    expect(proposed.data.status).toBe('PROPOSED');
    transactions.propose = proposed.body.transactionId as string;

    const before = await bank.request('GET', `/api/v1/contracts/verify?documentHash=${documentHash}`);
    expect(before.data).toMatchObject({ found: true, bothConfirmed: false });

    const selfConfirm = await buyer.request('POST', `/api/v1/contracts/${contractId}/confirm`);
    expectStatus(selfConfirm, 403);

    const confirmed = await factory.request('POST', `/api/v1/contracts/${contractId}/confirm`);
    expectStatus(confirmed, 200);
    expect(confirmed.data.status).toBe('CONFIRMED');
    transactions.confirm = confirmed.body.transactionId as string;

    const verified = await bank.request('GET', `/api/v1/contracts/verify?documentHash=${documentHash}`);
    expectStatus(verified, 200);
    expect(verified.data).toMatchObject({ documentHash, found: true, bothConfirmed: true, status: 'CONFIRMED' });

    const unknown = await bank.request('GET', `/api/v1/contracts/verify?documentHash=${'0'.repeat(64)}`);
    expect(unknown.data).toMatchObject({ found: false, bothConfirmed: false });
  });

  it('ships against production evidence, receives, invoices and acknowledges', async () => {
    const evidence = periods.map((p) => ({ enterpriseId: smeId, deviceId: 'mill-1', periodStart: p.periodStart }));
    const shipped = await factory.request('POST', '/api/v1/deliveries', {
      id: deliveryId,
      contractId,
      qty: 40,
      shippedAt: new Date().toISOString(),
      evidence,
    });
    expectStatus(shipped, 201);
    expect(shipped.data).toMatchObject({ id: deliveryId, status: 'SHIPPED', qty: 40 });

    const tooMuch = await factory.request('POST', '/api/v1/deliveries', {
      id: uniqueId('del'),
      contractId,
      qty: 5000,
      shippedAt: new Date().toISOString(),
      evidence,
    });
    expectStatus(tooMuch, 422);
    expect(tooMuch.error.code).toBe('LIMIT_EXCEEDED');

    const received = await buyer.request('POST', `/api/v1/deliveries/${deliveryId}/receive`, {
      receivedQty: 40,
      receivedAt: new Date().toISOString(),
    });
    expectStatus(received, 200);
    expect(received.data.status).toBe('RECEIVED');

    const issued = await factory.request('POST', '/api/v1/invoices', {
      id: invoiceId,
      contractId,
      amount: 100,
      currency: 'USD',
      dueDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
    });
    expectStatus(issued, 201);
    expect(issued.data.status).toBe('ISSUED');

    const acknowledged = await buyer.request('POST', `/api/v1/invoices/${invoiceId}/acknowledge`);
    expectStatus(acknowledged, 200);
    expect(acknowledged.data.status).toBe('ACKNOWLEDGED');
  });

  it('finances the receivable once and refuses a second financing with 409', async () => {
    const receivable = await bank.request('GET', `/api/v1/receivables/${invoiceId}`);
    expectStatus(receivable, 200);
    expect(receivable.data).toMatchObject({ id: invoiceId, holderId: smeId, status: 'ACKNOWLEDGED', amount: 100 });

    const financed = await bank.request('POST', `/api/v1/receivables/${invoiceId}/finance`, {
      advanceAmount: 90,
      ratePercent: 6.5,
    });
    expectStatus(financed, 200);
    expect(financed.data).toMatchObject({ status: 'FINANCED', financedBy: bankId });
    transactions.finance = financed.body.transactionId as string;

    const again = await bank.request('POST', `/api/v1/receivables/${invoiceId}/finance`, {
      advanceAmount: 90,
      ratePercent: 6.5,
    });
    expectStatus(again, 409);
    expect(again.error.code).toBe('ALREADY_FINANCED');
    expect(again.error.details).toMatchObject({ stage: 'endorse', transaction: 'trade:FinanceReceivable' });
    expect(again.error.details.transactionId).toEqual(expect.any(String));
    expect((again.error.details.peers as Json[]).length).toBeGreaterThan(0);
    expect((again.error.details.peers as Json[])[0]).toEqual({
      mspId: expect.any(String) as string,
      address: expect.any(String) as string,
      message: expect.stringContaining('ALREADY_FINANCED') as string,
    });
  });

  it('reconciles the period’s statements and reports each line', async () => {
    const from = new Date(Date.now() - 86_400_000).toISOString();
    const to = new Date(Date.now() + 86_400_000).toISOString();
    const opened = await factory.request('POST', '/api/v1/reconciliations', {
      id: reconciliationId,
      period: { from, to },
      parties: [smeId, buyerId],
    });
    expectStatus(opened, 201);
    expect(opened.data.status).toBe('OPEN');

    const factoryStatement = await factory.request('POST', `/api/v1/reconciliations/${reconciliationId}/statements`, {
      lines: [
        { ref: deliveryId, kind: 'DELIVERY', qty: 40 },
        { ref: invoiceId, kind: 'INVOICE', amount: 100 },
      ],
    });
    expectStatus(factoryStatement, 200);
    const twice = await factory.request('POST', `/api/v1/reconciliations/${reconciliationId}/statements`, {
      lines: [{ ref: deliveryId, kind: 'DELIVERY', qty: 40 }],
    });
    expectStatus(twice, 409);

    const buyerStatement = await buyer.request('POST', `/api/v1/reconciliations/${reconciliationId}/statements`, {
      lines: [
        { ref: deliveryId, kind: 'DELIVERY', qty: 38 },
        { ref: invoiceId, kind: 'INVOICE', amount: 100 },
      ],
    });
    expectStatus(buyerStatement, 200);

    const report = await factory.request('GET', `/api/v1/reconciliations/${reconciliationId}`);
    expectStatus(report, 200);
    expect(report.data.status).toBe('COMPLETED');
    const result = report.data.result as { matched: number; mismatched: number; lines: Json[] };
    const byRef = Object.fromEntries(result.lines.map((l) => [l.ref as string, l]));
    expect(byRef[invoiceId]).toMatchObject({ kind: 'INVOICE', status: 'MATCHED' });
    expect(byRef[deliveryId]).toMatchObject({ kind: 'DELIVERY', status: 'MISMATCHED', onChain: { qty: 40 } });
    expect(result.matched).toBeGreaterThanOrEqual(1);
    expect(result.mismatched).toBeGreaterThanOrEqual(1);
  });

  it('shows a record’s history with the transaction ids the API returned', async () => {
    const contract = await bank.request('GET', `/api/v1/records/contract/${contractId}/history`);
    expectStatus(contract, 200);
    const txIds = contract.list.map((e) => e.txId);
    expect(txIds).toEqual(expect.arrayContaining([transactions.propose, transactions.confirm]));
    expect(contract.list.every((e) => typeof e.timestamp === 'string' && e.isDelete === false)).toBe(true);

    const consent = await factory.request('GET', `/api/v1/records/consent/${smeId}~${bankId}/history`);
    expect(consent.list.map((e) => e.txId)).toContain(transactions.consent);

    const receivable = await bank.request('GET', `/api/v1/records/receivable/${invoiceId}/history`);
    expect(receivable.list.map((e) => e.txId)).toContain(transactions.finance);

    const production = await bank.request(
      'GET',
      `/api/v1/records/production/${encodeURIComponent(`${smeId}~mill-1~${periods[0]!.periodStart}`)}/history`,
    );
    expectStatus(production, 200);
    expect(production.list).toHaveLength(1);
  });

  it('answers 404 NOT_FOUND from the chaincode for a record that does not exist', async () => {
    const res = await bank.request('GET', `/api/v1/contracts/${uniqueId('missing')}`);
    expectStatus(res, 404);
    expect(res.error.code).toBe('NOT_FOUND');
    expect(res.error.details).toMatchObject({ stage: 'evaluate', transaction: 'trade:GetContract' });
  });
});
