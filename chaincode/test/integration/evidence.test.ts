import { createHash } from 'node:crypto';
import { connect, mintIdentity, uniqueId, type Connection, type OrgName } from '../../../test/support/fabric';
import type { ProductionInput, ProductionRecord } from '../../src/production/production-record';
import { expectedFigures } from './expected-profile';
import { evaluate, refusal, submitCommitted, submitOk } from './ledger-calls';

interface WhoAmI {
  identityId: string;
  mspId: string;
  enterpriseId?: string;
}
interface SubmitResult {
  written: number;
  unchanged: number;
  keys: { enterpriseId: string; deviceId: string; periodStart: string }[];
}
interface Page<T> {
  records: T[];
  bookmark: string;
  fetchedCount: number;
}
interface Factor {
  name: string;
  value: number | null;
  normalized: number | null;
  weight: number;
  contribution: number;
  basis: Record<string, unknown>;
}
interface Profile {
  enterpriseId: string;
  from: string;
  to: string;
  score: number;
  factors: Factor[];
  production: Record<string, number | null>;
  computedFrom: Record<string, number>;
}
interface HistoryEntry {
  txId: string;
  timestamp: string;
  isDelete: boolean;
  value: Record<string, unknown> | null;
}

jest.setTimeout(180_000);

const HOUR = 3_600_000;
const PRODUCTION_FACTORS = [
  'operatingRate',
  'availability',
  'quality',
  'reportingContinuity',
  'outputTrend',
  'outputStability',
  'faultRate',
];

/** `count` hourly records of a device from `start`, with output, rejects and stops that vary by hour and day. */
function hourlyRecords(enterpriseId: string, deviceId: string, start: string, count: number): ProductionInput[] {
  return Array.from({ length: count }, (_, i) => {
    const startMs = Date.parse(start) + i * HOUR;
    const day = Math.floor(i / 24);
    const down = (i % 5) * 60;
    const idle = 300 + (i % 3) * 120;
    return {
      enterpriseId,
      deviceId,
      periodStart: new Date(startMs).toISOString(),
      periodEnd: new Date(startMs + HOUR).toISOString(),
      unitsProduced: 80 + (i % 7) * 4 + day * 6,
      unitsRejected: i % 4,
      runSeconds: 3600 - idle - down,
      idleSeconds: idle,
      downSeconds: down,
      faultCount: i % 9 === 0 ? 1 : 0,
      energyWh: 2000 + (i % 10) * 12.5,
      sampleCount: 360,
      samplesDigest: createHash('sha256').update(`${deviceId}/${startMs}`).digest('hex'),
    };
  });
}

describe('evidence chaincode on the network: registry, production, consent, history, profile', () => {
  const ids = { sme: uniqueId('sme'), core: uniqueId('core'), bank: uniqueId('bank'), device: 'press-1' };
  const conns: Connection[] = [];
  const open = (org: OrgName, name: string): Connection => {
    const conn = connect(org, mintIdentity(org, name));
    conns.push(conn);
    return conn;
  };
  const sme = open('factory', 'sme-owner');
  const core = open('core', 'core-owner');
  const bank = open('bank', 'bank-owner');
  const gateway = open('factory', 'gateway');
  const strayGateway = open('factory', 'stray-gateway');
  const coreClerk = open('core', 'core-clerk');
  const batch = hourlyRecords(ids.sme, ids.device, '2018-01-01T00:00:00Z', 100);
  let firstSubmitTxId = '';

  afterAll(() => {
    for (const c of conns) c.close();
  });

  it('registers the SME, the buyer and the bank, each from its own org', async () => {
    const register = (conn: Connection, id: string, role: string, mspId: string) =>
      submitOk<Record<string, string>>(
        conn,
        'registry:RegisterEnterprise',
        JSON.stringify({ id, name: `${role} ${id}`, role, mspId }),
      );
    expect(await register(sme, ids.sme, 'SME', 'FactoryOrgMSP')).toMatchObject({
      id: ids.sme,
      role: 'SME',
      mspId: 'FactoryOrgMSP',
    });
    expect(await register(core, ids.core, 'CORE', 'CoreOrgMSP')).toMatchObject({ id: ids.core, role: 'CORE' });
    expect(await register(bank, ids.bank, 'BANK', 'BankOrgMSP')).toMatchObject({ id: ids.bank, role: 'BANK' });
    const who = await evaluate<WhoAmI>(sme, 'registry:WhoAmI');
    expect(who).toMatchObject({ mspId: 'FactoryOrgMSP', enterpriseId: ids.sme });
    expect(who.identityId).toMatch(/^x509::.*::.*CN=ca\.factory\.scc\.example$/);
    // an identity of another org cannot register an enterprise of the factory org
    const message = await refusal(
      coreClerk.contract.submitTransaction(
        'registry:RegisterEnterprise',
        JSON.stringify({ id: uniqueId('fake'), name: 'x', role: 'SME', mspId: 'FactoryOrgMSP' }),
      ),
      'FORBIDDEN',
    );
    expect(message).toContain('can only be registered by an identity of FactoryOrgMSP');
  });

  it('registers a device whose records only the named gateway identity may write', async () => {
    const gatewayId = (await evaluate<WhoAmI>(gateway, 'registry:WhoAmI')).identityId;
    const device = await submitOk<Record<string, string>>(
      sme,
      'registry:RegisterDevice',
      JSON.stringify({
        id: ids.device,
        enterpriseId: ids.sme,
        kind: 'press',
        description: 'stamping press',
        gatewayIdentity: gatewayId,
      }),
    );
    expect(device).toMatchObject({ id: ids.device, enterpriseId: ids.sme, gatewayIdentity: gatewayId });
    expect(await evaluate(gateway, 'registry:GetDevice', ids.sme, ids.device)).toEqual(device);
  });

  it('commits a batch of 100 records and reads them back by device in pages', async () => {
    const { result, code, txId } = await submitCommitted<SubmitResult>(
      gateway,
      'production:SubmitRecords',
      JSON.stringify(batch),
    );
    expect(code).toBe(0);
    expect(result.written).toBe(100);
    expect(result.unchanged).toBe(0);
    expect(result.keys).toHaveLength(100);
    firstSubmitTxId = txId;
    const seen: ProductionRecord[] = [];
    let bookmark = '';
    let pages = 0;
    do {
      const page = await evaluate<Page<ProductionRecord>>(
        sme,
        'production:QueryByDevice',
        ids.sme,
        ids.device,
        '2018-01-01T00:00:00Z',
        '2018-02-01T00:00:00Z',
        '40',
        bookmark,
      );
      seen.push(...page.records);
      bookmark = page.bookmark;
      pages += 1;
    } while (bookmark !== '');
    expect(pages).toBe(3);
    expect(seen.map((r) => r.periodStart)).toEqual(batch.map((r) => r.periodStart));
    expect(seen.every((r) => r.txId === txId)).toBe(true);
    expect(seen[42]).toEqual({ ...batch[42], recordedAt: seen[42]!.recordedAt, txId });
  });

  it('treats the same batch again as 100 no-ops and duplicates nothing', async () => {
    const { result, code } = await submitCommitted<SubmitResult>(
      gateway,
      'production:SubmitRecords',
      JSON.stringify(batch),
    );
    expect(code).toBe(0);
    expect(result).toMatchObject({ written: 0, unchanged: 100 });
    const page = await evaluate<Page<ProductionRecord>>(
      sme,
      'production:QueryByEnterprise',
      ids.sme,
      '2017-12-31T00:00:00Z',
      '2018-12-31T00:00:00Z',
      '1000',
      '',
    );
    expect(page.records).toHaveLength(100);
    expect(page.bookmark).toBe('');
    expect(new Set(page.records.map((r) => r.txId))).toEqual(new Set([firstSubmitTxId]));
    const summaries = await evaluate<{ records: number }[]>(
      sme,
      'production:GetDailySummaries',
      ids.sme,
      '2018-01-01',
      '2018-01-05',
    );
    expect(summaries.reduce((a, s) => a + s.records, 0)).toBe(100);
  });

  it('refuses an altered record and an overlapping period with CONFLICT', async () => {
    const altered = { ...batch[10]!, unitsProduced: batch[10]!.unitsProduced + 1 };
    expect(
      await refusal(gateway.contract.submitTransaction('production:SubmitRecord', JSON.stringify(altered)), 'CONFLICT'),
    ).toContain(`differs from the stored record ${ids.sme}/${ids.device}/${batch[10]!.periodStart}`);
    const overlapping = { ...batch[0]!, periodStart: '2018-01-01T00:30:00Z', periodEnd: '2018-01-01T01:30:00Z' };
    expect(
      await refusal(
        gateway.contract.submitTransaction('production:SubmitRecord', JSON.stringify(overlapping)),
        'CONFLICT',
      ),
    ).toContain('overlaps the stored period');
    const stored = await evaluate<ProductionRecord>(
      sme,
      'production:GetRecord',
      ids.sme,
      ids.device,
      batch[10]!.periodStart,
    );
    expect(stored.unitsProduced).toBe(batch[10]!.unitsProduced);
  });

  it('refuses records from another org’s identity or a gateway not bound to the device with FORBIDDEN, writing nothing', async () => {
    const fresh = hourlyRecords(ids.sme, ids.device, '2018-02-01T00:00:00Z', 3);
    const body = JSON.stringify(fresh);
    expect(
      await refusal(coreClerk.contract.submitTransaction('production:SubmitRecords', body), 'FORBIDDEN'),
    ).toContain('written by FactoryOrgMSP identities only');
    expect(
      await refusal(strayGateway.contract.submitTransaction('production:SubmitRecords', body), 'FORBIDDEN'),
    ).toContain(`not the gateway of device ${ids.sme}/${ids.device}`);
    expect(await refusal(sme.contract.submitTransaction('production:SubmitRecords', body), 'FORBIDDEN')).toContain(
      'not the gateway',
    );
    await refusal(
      sme.contract.evaluateTransaction('production:GetRecord', ids.sme, ids.device, fresh[0]!.periodStart),
      'NOT_FOUND',
    );
    expect(await evaluate(sme, 'production:GetDailySummaries', ids.sme, '2018-02-01', '2018-02-01')).toEqual([]);
  });

  it('refuses a bank read before consent with CONSENT_REQUIRED and allows it after', async () => {
    const read = () =>
      bank.contract.evaluateTransaction(
        'production:QueryByEnterprise',
        ids.sme,
        '2018-01-01T00:00:00Z',
        '2018-01-02T00:00:00Z',
        '',
        '',
      );
    expect(await refusal(read(), 'CONSENT_REQUIRED')).toContain(
      `bank ${ids.bank} holds no live consent with scope production`,
    );
    await refusal(
      coreClerk.contract.evaluateTransaction(
        'production:QueryByEnterprise',
        ids.sme,
        '2018-01-01T00:00:00Z',
        '2018-01-02T00:00:00Z',
        '',
        '',
      ),
      'FORBIDDEN',
    );
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const grant = await submitOk<Record<string, unknown>>(
      sme,
      'consent:GrantConsent',
      ids.bank,
      '["production","profile"]',
      expiresAt,
    );
    expect(grant).toMatchObject({ smeId: ids.sme, bankId: ids.bank, scopes: ['production', 'profile'] });
    const page = JSON.parse(new TextDecoder().decode(await read())) as Page<ProductionRecord>;
    expect(page.records).toHaveLength(24);
  });

  it('shows the history of a record and of a consent grant with transaction ids', async () => {
    const history = await evaluate<HistoryEntry[]>(
      bank,
      'history:GetHistory',
      'production',
      JSON.stringify([ids.sme, ids.device, batch[5]!.periodStart]),
    );
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      txId: firstSubmitTxId,
      isDelete: false,
      value: { unitsProduced: batch[5]!.unitsProduced },
    });
    const revoke = await submitCommitted<Record<string, unknown>>(sme, 'consent:RevokeConsent', ids.bank);
    expect(revoke.code).toBe(0);
    const grants = await evaluate<HistoryEntry[]>(
      sme,
      'history:GetHistory',
      'consent',
      JSON.stringify([ids.sme, ids.bank]),
    );
    expect(grants).toHaveLength(2);
    expect(grants[1]!.txId).toBe(revoke.txId);
    expect(grants[0]!.value).not.toHaveProperty('revokedAt');
    expect(grants[1]!.value).toHaveProperty('revokedAt');
    expect(Date.parse(grants[0]!.timestamp)).toBeLessThanOrEqual(Date.parse(grants[1]!.timestamp));
    await refusal(
      bank.contract.evaluateTransaction('production:GetRecord', ids.sme, ids.device, batch[5]!.periodStart),
      'CONSENT_REQUIRED',
    );
    await submitOk(
      sme,
      'consent:GrantConsent',
      ids.bank,
      '["production","profile"]',
      new Date(Date.now() + 86_400_000).toISOString(),
    );
  });

  it('computes the credit profile equal to figures computed here from the raw records', async () => {
    const profile = await evaluate<Profile>(bank, 'profile:GetCreditProfile', ids.sme, '90', '2018-01-05');
    expect(
      await evaluate<Profile>(sme, 'profile:GetCreditProfile', ids.sme, '90', '2018-01-05T23:59:59Z'),
    ).toMatchObject({
      score: profile.score,
      production: profile.production,
    });
    expect(profile).toMatchObject({ enterpriseId: ids.sme, from: '2017-10-08', to: '2018-01-05' });
    const exp = expectedFigures(batch, '2017-10-08', '2018-01-05', new Map([[ids.device, batch[0]!.periodStart]]));
    const f = profile.production;
    expect(f.records).toBe(100);
    expect(f.reportedDays).toBe(exp.reportedDays);
    expect(f.activeDevices).toBe(1);
    for (const name of [
      'operatingRate',
      'availability',
      'quality',
      'outputPerDay',
      'outputTrendPer30Days',
      'outputVolatility',
      'faultsPerRunHour',
      'reportingContinuity',
    ] as const) {
      expect([name, f[name]]).toEqual([name, expect.closeTo(exp[name], 5)]);
    }
    // 100 hours over the 5 days since the device's first record
    expect(f.reportingContinuity).toBeCloseTo(100 / 120, 6);
    for (const name of PRODUCTION_FACTORS) {
      const factor = profile.factors.find((x) => x.name === name);
      expect([name, factor?.normalized]).toEqual([name, expect.closeTo(exp.normalized[name]!, 5)]);
      expect(factor?.basis).toMatchObject({ records: 100 });
    }
    // the score over every factor with a value, production ones from the figures above
    const scored = profile.factors.filter((x) => x.normalized !== null);
    const totalWeight = scored.reduce((a, x) => a + x.weight, 0);
    const points = scored.reduce(
      (a, x) => a + x.weight * (PRODUCTION_FACTORS.includes(x.name) ? exp.normalized[x.name]! : x.normalized!),
      0,
    );
    expect(profile.score).toBe(Math.round((1000 * points) / totalWeight));
    expect(profile.computedFrom.dailySummaries).toBe(5);
  });

  it('commits 10 parallel batches for 10 devices of one SME, all VALID', async () => {
    const owner = open('factory', 'sme2-owner');
    const agent = open('factory', 'sme2-gateway');
    const sme2 = uniqueId('sme');
    await submitOk(
      owner,
      'registry:RegisterEnterprise',
      JSON.stringify({ id: sme2, name: 'Second factory', role: 'SME', mspId: 'FactoryOrgMSP' }),
    );
    const agentId = (await evaluate<WhoAmI>(agent, 'registry:WhoAmI')).identityId;
    const devices = Array.from({ length: 10 }, (_, i) => `cnc-${i}`);
    for (const d of devices) {
      await submitOk(
        owner,
        'registry:RegisterDevice',
        JSON.stringify({ id: d, enterpriseId: sme2, kind: 'cnc', description: '', gatewayIdentity: agentId }),
      );
    }
    const results = await Promise.all(
      devices.map((d) =>
        submitCommitted<SubmitResult>(
          agent,
          'production:SubmitRecords',
          JSON.stringify(hourlyRecords(sme2, d, '2018-03-01T00:00:00Z', 48)),
        ),
      ),
    );
    expect(results.map((r) => r.code)).toEqual(devices.map(() => 0));
    expect(results.map((r) => r.result.written)).toEqual(devices.map(() => 48));
    const summaries = await evaluate<{ deviceId: string; records: number }[]>(
      owner,
      'production:GetDailySummaries',
      sme2,
      '2018-03-01',
      '2018-03-02',
    );
    expect(summaries).toHaveLength(20);
    expect(summaries.every((s) => s.records === 24)).toBe(true);
  });
});
