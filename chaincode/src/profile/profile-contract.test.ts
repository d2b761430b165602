import { ConsentContract } from '../consent/consent-contract';
import type { ProductionInput } from '../production/production-record';
import { ProductionContract } from '../production/production-contract';
import { RegistryContract } from '../registry/registry-contract';
import { expectRefusal } from '../testing/expect-refusal';
import { newScenario, type Scenario } from '../testing/scenario';
import { ProfileContract } from './profile-contract';
import { parseProfileWindow } from './profile-window';
import { score, factor } from './profile-factor';

const profile = new ProfileContract();
const production = new ProductionContract();
const registry = new RegistryContract();
const consent = new ConsentContract();

interface Profile {
  enterpriseId: string;
  windowDays: number;
  from: string;
  to: string;
  score: number;
  factors: {
    name: string;
    value: number | null;
    normalized: number | null;
    weight: number;
    contribution: number;
    basis: Record<string, unknown>;
  }[];
  production: Record<string, unknown>;
  computedFrom: Record<string, number>;
}

const HOUR = 3_600_000;

/** Hourly records of a device for `hours` hours from `start`, figures varying with the hour index. */
function hourly(deviceId: string, start: string, hours: number, scale: number): ProductionInput[] {
  return Array.from({ length: hours }, (_, i) => ({
    enterpriseId: 'sme-1',
    deviceId,
    periodStart: new Date(Date.parse(start) + i * HOUR).toISOString(),
    periodEnd: new Date(Date.parse(start) + (i + 1) * HOUR).toISOString(),
    unitsProduced: Math.round(scale * (50 + (i % 7) * 3 + Math.floor(i / 24) * 2)),
    unitsRejected: i % 5,
    runSeconds: 2400 + (i % 4) * 100,
    idleSeconds: 600,
    downSeconds: (i % 3) * 50,
    faultCount: i % 6 === 0 ? 1 : 0,
    sampleCount: 60,
    samplesDigest: 'cd'.repeat(32),
    energyWh: 1000,
  }));
}

async function load(s: Scenario, records: ProductionInput[]): Promise<void> {
  for (let i = 0; i < records.length; i += 200) {
    await s.ledger.submit(s.gateway, (ctx) => production.SubmitRecords(ctx, JSON.stringify(records.slice(i, i + 200))));
  }
}

/** The profile's production figures computed directly from the raw records (not from the summaries). */
function expected(records: ProductionInput[], fromMs: number, toMs: number, firstStartByDevice: Map<string, number>) {
  const inWindow = records.filter((r) => Date.parse(r.periodStart) >= fromMs && Date.parse(r.periodStart) < toMs);
  const total = (pick: (r: ProductionInput) => number) => inWindow.reduce((a, r) => a + pick(r), 0);
  const run = total((r) => r.runSeconds);
  const idle = total((r) => r.idleSeconds);
  const down = total((r) => r.downSeconds);
  const good = total((r) => r.unitsProduced);
  const bad = total((r) => r.unitsRejected);
  const byDay = new Map<string, number>();
  for (const r of inWindow)
    byDay.set(r.periodStart.slice(0, 10), (byDay.get(r.periodStart.slice(0, 10)) ?? 0) + r.unitsProduced);
  const days = [...byDay.keys()].sort();
  const ys = days.map((d) => byDay.get(d)!);
  const xs = days.map((d) => (Date.parse(`${d}T00:00:00Z`) - fromMs) / 86_400_000);
  const mean = ys.reduce((a, b) => a + b, 0) / ys.length;
  const xm = xs.reduce((a, b) => a + b, 0) / xs.length;
  const slope = xs.reduce((a, x, i) => a + (x - xm) * (ys[i]! - mean), 0) / xs.reduce((a, x) => a + (x - xm) ** 2, 0);
  const sd = Math.sqrt(ys.reduce((a, y) => a + (y - mean) ** 2, 0) / ys.length);
  let expectedSeconds = 0;
  for (const first of firstStartByDevice.values())
    if (first < toMs) expectedSeconds += (toMs - Math.max(fromMs, first)) / 1000;
  const covered = inWindow.reduce((a, r) => a + (Date.parse(r.periodEnd) - Date.parse(r.periodStart)) / 1000, 0);
  return {
    records: inWindow.length,
    operatingRate: run / (run + idle + down),
    availability: run / (run + down),
    quality: good / (good + bad),
    outputPerDay: mean,
    trend30: (slope * 30) / mean,
    cv: sd / mean,
    faultsPerRunHour: total((r) => r.faultCount) / (run / 3600),
    continuity: covered / expectedSeconds,
    reportedDays: days.length,
  };
}

describe('credit profile', () => {
  it('computes the production factors and score from per-day sums, equal to figures from the raw records', async () => {
    const s = await newScenario('2024-01-01T00:00:00.000Z');
    await s.ledger.submit(s.sme, (ctx) =>
      registry.RegisterDevice(
        ctx,
        JSON.stringify({
          id: 'press-2',
          enterpriseId: 'sme-1',
          kind: 'press',
          description: '',
          gatewayIdentity: s.gateway.getID(),
        }),
      ),
    );
    // press-1 reports 2018-03-20 .. 2018-04-05 with a day missing; press-2 starts on 2018-03-28; one record after asOf
    const p1 = [
      ...hourly('press-1', '2018-03-20T00:00:00Z', 24 * 5, 1),
      ...hourly('press-1', '2018-03-26T00:00:00Z', 24 * 11, 1),
    ];
    const p2 = hourly('press-2', '2018-03-28T06:00:00Z', 24 * 9, 1.5);
    const late = hourly('press-1', '2018-04-07T00:00:00Z', 2, 1);
    await load(s, [...p1, ...p2, ...late]);

    const result = JSON.parse(
      await s.ledger.evaluate(s.sme, (ctx) =>
        profile.GetCreditProfile(ctx, 'sme-1', '90', '2018-04-06T13:00:00+02:00'),
      ),
    ) as Profile;
    expect(result).toMatchObject({ enterpriseId: 'sme-1', windowDays: 90, from: '2018-01-07', to: '2018-04-06' });
    const fromMs = Date.parse('2018-01-07T00:00:00Z');
    const toMs = Date.parse('2018-04-07T00:00:00Z');
    const exp = expected(
      [...p1, ...p2, ...late],
      fromMs,
      toMs,
      new Map([
        ['press-1', Date.parse('2018-03-20T00:00:00Z')],
        ['press-2', Date.parse('2018-03-28T06:00:00Z')],
      ]),
    );
    const f = result.production;
    expect(f.records).toBe(exp.records);
    expect(f.records).toBe(p1.length + p2.length);
    expect(f.reportedDays).toBe(exp.reportedDays);
    expect(f.activeDevices).toBe(2);
    expect(f.operatingRate).toBeCloseTo(exp.operatingRate, 6);
    expect(f.availability).toBeCloseTo(exp.availability, 6);
    expect(f.quality).toBeCloseTo(exp.quality, 6);
    expect(f.outputPerDay).toBeCloseTo(exp.outputPerDay, 5);
    expect(f.outputTrendPer30Days).toBeCloseTo(exp.trend30, 6);
    expect(f.outputVolatility).toBeCloseTo(exp.cv, 6);
    expect(f.faultsPerRunHour).toBeCloseTo(exp.faultsPerRunHour, 6);
    expect(f.reportingContinuity).toBeCloseTo(exp.continuity, 6);
    expect(exp.continuity).toBeLessThan(1);

    const clamp = (x: number) => Math.min(1, Math.max(0, x));
    const parts: [string, number, number][] = [
      ['operatingRate', exp.operatingRate, 150],
      ['availability', exp.availability, 100],
      ['quality', clamp((exp.quality - 0.8) / 0.2), 150],
      ['reportingContinuity', exp.continuity, 250],
      ['outputTrend', clamp(0.5 + exp.trend30), 100],
      ['outputStability', clamp(1 - exp.cv), 150],
      ['faultRate', 1 / (1 + exp.faultsPerRunHour), 100],
    ];
    const expectedScore = Math.round(parts.reduce((a, [, n, w]) => a + n * w, 0));
    expect(result.score).toBe(expectedScore);
    for (const [name, n, w] of parts) {
      const got = result.factors.find((x) => x.name === name)!;
      expect(got.weight).toBe(w);
      expect(got.normalized).toBeCloseTo(n, 6);
      expect(got.contribution).toBeCloseTo(n * w, 2);
      expect(got.basis).toMatchObject({ records: exp.records });
    }
    expect(result.computedFrom).toEqual({
      dailySummaries: expect.any(Number) as unknown,
      deviceSpans: 2,
      productionRecords: exp.records,
      // the trade section's reads: this SME has no trade
      contracts: 0,
      deliveries: 0,
      invoices: 0,
      receivables: 0,
      reconciliations: 0,
    });
    // one key per device-day, not per record
    expect(result.computedFrom.dailySummaries).toBe(16 + 10);
  });

  it('reports an empty window without a score from missing data, and a silent device as a gap', async () => {
    const s = await newScenario('2024-01-01T00:00:00.000Z');
    await load(s, hourly('press-1', '2018-01-01T00:00:00Z', 24, 1));
    const later = JSON.parse(
      await s.ledger.evaluate(s.sme, (ctx) => profile.GetCreditProfile(ctx, 'sme-1', '180', '2019-01-01')),
    ) as Profile;
    expect(later.production.records).toBe(0);
    // the device reported before the window and then fell silent: continuity 0 is the only scored factor
    expect(later.factors.filter((x) => x.value !== null).map((x) => x.name)).toEqual(['reportingContinuity']);
    expect(later.production.reportingContinuity).toBe(0);
    expect(later.score).toBe(0);
    const before = JSON.parse(
      await s.ledger.evaluate(s.sme, (ctx) => profile.GetCreditProfile(ctx, 'sme-1', '365', '2017-06-01')),
    ) as Profile;
    expect(before.factors.every((x) => x.value === null && x.contribution === 0)).toBe(true);
    expect(before.score).toBe(0);
  });

  it('needs the SME’s org or a bank with a live profile consent', async () => {
    const s = await newScenario('2024-01-01T00:00:00.000Z');
    const get = (who = s.bank) =>
      s.ledger.evaluate(who, (ctx) => profile.GetCreditProfile(ctx, 'sme-1', '90', '2018-04-01'));
    await expectRefusal(get(), 'CONSENT_REQUIRED', 'scope profile');
    await expectRefusal(get(s.core), 'FORBIDDEN');
    await s.ledger.submit(s.sme, (ctx) => consent.GrantConsent(ctx, 'bank-1', '["production"]', '2025-01-01'));
    await expectRefusal(get(), 'CONSENT_REQUIRED', 'scope profile');
    await s.ledger.submit(s.sme, (ctx) => consent.GrantConsent(ctx, 'bank-1', '["profile"]', '2025-01-01'));
    expect((JSON.parse(await get()) as Profile).enterpriseId).toBe('sme-1');
    await expectRefusal(
      s.ledger.evaluate(s.sme, (ctx) => profile.GetCreditProfile(ctx, 'sme-1', '30', '2018-04-01')),
      'INVALID_ARGUMENT',
      'windowDays must be one of 90, 180, 365',
    );
    await expectRefusal(
      s.ledger.evaluate(s.sme, (ctx) => profile.GetCreditProfile(ctx, 'sme-1', '90', 'April')),
      'INVALID_ARGUMENT',
      'asOf',
    );
    await expectRefusal(
      s.ledger.evaluate(s.sme, (ctx) => profile.GetCreditProfile(ctx, 'sme-9', '90', '2018-04-01')),
      'NOT_FOUND',
    );
  });
});

describe('score', () => {
  it('divides by the weights of factors that have a value and reports each contribution', () => {
    const scored = score([
      factor('a', 1, (v) => v, 300, {}),
      factor('b', 0.5, (v) => v, 100, {}),
      factor('c', null, (v) => v, 600, {}),
    ]);
    expect(scored.score).toBe(875);
    expect(scored.factors.map((f) => f.contribution)).toEqual([750, 125, 0]);
  });

  it('builds windows of whole UTC days ending with the day of asOf', () => {
    expect(parseProfileWindow('e', '90', '2018-04-06T23:30:00-02:00')).toMatchObject({
      fromDay: '2018-01-08',
      toDay: '2018-04-07',
      asOf: '2018-04-07T01:30:00.000Z',
    });
  });
});
