import { ConsentContract } from '../consent/consent-contract';
import { RegistryContract } from '../registry/registry-contract';
import { expectRefusal } from '../testing/expect-refusal';
import { fakeIdentity } from '../testing/fake-identity';
import { newScenario, type Scenario } from '../testing/scenario';
import type { DailySummary } from './daily-summary';
import type { ProductionInput, ProductionRecord } from './production-record';
import { ProductionContract } from './production-contract';

const production = new ProductionContract();
const registry = new RegistryContract();
const consent = new ConsentContract();
const DIGEST = 'ab'.repeat(32);

/** A 15-minute record of `deviceId` starting `start`, with figures derived from `n`. */
function rec(deviceId: string, start: string, n: number, overrides: Partial<ProductionInput> = {}): ProductionInput {
  const startMs = Date.parse(start);
  return {
    enterpriseId: 'sme-1',
    deviceId,
    periodStart: new Date(startMs).toISOString(),
    periodEnd: new Date(startMs + 900_000).toISOString(),
    unitsProduced: 100 + n,
    unitsRejected: n % 3,
    runSeconds: 600,
    idleSeconds: 200,
    downSeconds: 100,
    faultCount: n % 2,
    energyWh: 1500.5,
    sampleCount: 90,
    samplesDigest: DIGEST,
    ...overrides,
  };
}

function series(deviceId: string, start: string, count: number): ProductionInput[] {
  return Array.from({ length: count }, (_, i) =>
    rec(deviceId, new Date(Date.parse(start) + i * 900_000).toISOString(), i),
  );
}

interface SubmitResult {
  written: number;
  unchanged: number;
  keys: { enterpriseId: string; deviceId: string; periodStart: string }[];
}

async function submit(s: Scenario, records: readonly ProductionInput[], who = s.gateway): Promise<SubmitResult> {
  return JSON.parse(
    await s.ledger.submit(who, (ctx) => production.SubmitRecords(ctx, JSON.stringify(records))),
  ) as SubmitResult;
}

async function addDevice(s: Scenario, id: string): Promise<void> {
  await s.ledger.submit(s.sme, (ctx) =>
    registry.RegisterDevice(
      ctx,
      JSON.stringify({ id, enterpriseId: 'sme-1', kind: 'press', description: '', gatewayIdentity: s.gateway.getID() }),
    ),
  );
}

describe('production records', () => {
  it('writes a batch with its transaction id and time, canonicalising times', async () => {
    const s = await newScenario('2024-03-01T12:00:00.000Z');
    const input = rec('press-1', '2018-01-01T00:00:00Z', 1, {
      periodStart: '2018-01-01T08:00:00+08:00',
      periodEnd: '2018-01-01T08:15:00.000+08:00',
    });
    const result = await submit(s, [input]);
    expect(result).toEqual({
      written: 1,
      unchanged: 0,
      keys: [{ enterpriseId: 'sme-1', deviceId: 'press-1', periodStart: '2018-01-01T00:00:00.000Z' }],
    });
    const stored = JSON.parse(
      await s.ledger.evaluate(s.sme, (ctx) => production.GetRecord(ctx, 'sme-1', 'press-1', '2018-01-01T00:00:00Z')),
    ) as ProductionRecord;
    expect(stored).toEqual({
      ...input,
      periodStart: '2018-01-01T00:00:00.000Z',
      periodEnd: '2018-01-01T00:15:00.000Z',
      recordedAt: expect.stringMatching(/^2024-03-01T12:00:\d\d\.000Z$/) as unknown,
      txId: expect.stringMatching(/^tx\d+$/) as unknown,
    });
  });

  it('treats an identical re-submission as a no-op and writes nothing', async () => {
    const s = await newScenario();
    const batch = series('press-1', '2018-01-01T00:00:00Z', 20);
    expect(await submit(s, batch)).toMatchObject({ written: 20, unchanged: 0 });
    const snapshot = s.ledger.keys().map((k) => [k, s.ledger.versionOf(k)]);
    const again = await submit(s, batch);
    expect(again.written).toBe(0);
    expect(again.unchanged).toBe(20);
    expect(again.keys).toHaveLength(20);
    expect(s.ledger.keys().map((k) => [k, s.ledger.versionOf(k)])).toEqual(snapshot);
    // a batch mixing known and new records writes only the new ones
    const mixed = await submit(s, [...batch.slice(15), ...series('press-1', '2018-01-01T05:00:00Z', 2)]);
    expect(mixed).toMatchObject({ written: 2, unchanged: 5 });
  });

  it('records and lists the last accepted day, 9999-12-30, and refuses periods past 9999-12-31T00:00:00Z', async () => {
    const s = await newScenario();
    const last = rec('press-1', '9999-12-30T23:45:00Z', 1);
    const earlier = rec('press-1', '9999-12-30T23:00:00Z', 2);
    expect(await submit(s, [last])).toMatchObject({ written: 1 });
    // before the span's end: checked against the stored days, up to the last one
    expect(await submit(s, [earlier, last])).toMatchObject({ written: 1, unchanged: 1 });
    expect(await submit(s, [earlier, last])).toMatchObject({ written: 0, unchanged: 2 });
    const page = JSON.parse(
      await s.ledger.evaluate(s.sme, (ctx) =>
        production.QueryByEnterprise(ctx, 'sme-1', '9999-12-30T00:00:00Z', '9999-12-31T00:00:00Z', '', ''),
      ),
    ) as { records: ProductionRecord[] };
    expect(page.records.map((r) => r.periodStart)).toEqual([earlier.periodStart, last.periodStart]);
    await expectRefusal(
      submit(s, [rec('press-1', '9999-12-31T00:00:00Z', 3)]),
      'INVALID_ARGUMENT',
      'periodEnd must not be later than 9999-12-31T00:00:00Z',
    );
  });

  it('refuses a different record under an existing key with CONFLICT, writing nothing of the batch', async () => {
    const s = await newScenario();
    const batch = series('press-1', '2018-01-01T00:00:00Z', 4);
    await submit(s, batch);
    const keysBefore = s.ledger.keys();
    const altered = [
      ...series('press-1', '2018-01-01T01:00:00Z', 2),
      { ...batch[2]!, unitsProduced: batch[2]!.unitsProduced + 1 },
    ];
    await expectRefusal(
      submit(s, altered),
      'CONFLICT',
      'records[2] differs from the stored record sme-1/press-1/2018-01-01T00:30:00.000Z',
    );
    expect(s.ledger.keys()).toEqual(keysBefore);
    const noEnergy = { ...batch[0]! };
    delete noEnergy.energyWh;
    await expectRefusal(submit(s, [noEnergy]), 'CONFLICT');
    await expectRefusal(
      submit(
        s,
        [batch[0]!, { ...batch[0]!, faultCount: 9 }].map((r) => ({
          ...r,
          periodStart: '2018-02-01T00:00:00.000Z',
          periodEnd: '2018-02-01T00:15:00.000Z',
        })),
      ),
      'CONFLICT',
      'differs from an earlier record of the batch',
    );
  });

  it('refuses periods overlapping a stored or a batch period of the same device, including across midnight', async () => {
    const s = await newScenario();
    await addDevice(s, 'press-2');
    // 23:50 to 00:20 crosses into 2 January
    await submit(s, [rec('press-1', '2018-01-01T23:50:00Z', 0, { periodEnd: '2018-01-02T00:20:00.000Z' })]);
    await expectRefusal(
      submit(s, [rec('press-1', '2018-01-02T00:10:00Z', 1)]),
      'CONFLICT',
      'overlaps the stored period starting 2018-01-01T23:50:00.000Z',
    );
    await expectRefusal(
      submit(s, [rec('press-1', '2018-01-01T23:40:00Z', 1)]),
      'CONFLICT',
      'overlaps the stored period starting 2018-01-01T23:50:00.000Z',
    );
    await expectRefusal(
      submit(s, [rec('press-1', '2018-01-03T00:00:00Z', 1), rec('press-1', '2018-01-03T00:05:00Z', 2)]),
      'CONFLICT',
      'overlaps the batch period starting 2018-01-03T00:00:00.000Z',
    );
    // adjacent periods, and the same period on another device, are fine
    expect(
      await submit(s, [rec('press-1', '2018-01-02T00:20:00Z', 1), rec('press-1', '2018-01-01T23:35:00Z', 2)]),
    ).toMatchObject({
      written: 2,
    });
    expect(await submit(s, [rec('press-2', '2018-01-02T00:10:00Z', 1)])).toMatchObject({ written: 1 });
  });

  it.each([
    [{ periodEnd: '2018-01-01T00:00:00Z' }, 'records[0].periodEnd must be after periodStart'],
    [{ periodEnd: '2018-01-02T00:00:01Z' }, 'records[0].periodEnd must be at most 86400 seconds after periodStart'],
    [
      { runSeconds: 800, idleSeconds: 100, downSeconds: 1 },
      'records[0].runSeconds + idleSeconds + downSeconds (901) must not exceed the period (900 s)',
    ],
    [{ unitsProduced: -1 }, 'records[0].unitsProduced must not be negative'],
    [{ unitsRejected: 1.5 }, 'records[0].unitsRejected must be an integer'],
    [{ faultCount: '2' }, 'records[0].faultCount must be an integer'],
    [{ energyWh: -0.1 }, 'records[0].energyWh must not be negative'],
    [{ samplesDigest: 'AB'.repeat(32) }, 'records[0].samplesDigest must be 64 lowercase hex'],
    [{ periodStart: '2018-01-01 00:00' }, 'records[0].periodStart must be an ISO-8601 time'],
    [{ deviceId: '' }, 'records[0].deviceId must be 1 to 64 characters'],
    [{ operator: 'bob' }, 'records[0].operator is not a known property'],
  ])('refuses invalid input %j with INVALID_ARGUMENT naming the field', async (override, message) => {
    const s = await newScenario();
    const bad = { ...rec('press-1', '2018-01-01T00:00:00Z', 0), ...override } as unknown as ProductionInput;
    await expectRefusal(submit(s, [bad]), 'INVALID_ARGUMENT', message);
  });

  it('refuses malformed batches', async () => {
    const s = await newScenario();
    await expectRefusal(submit(s, []), 'INVALID_ARGUMENT', 'recordsJson must hold 1 to 500 records');
    await expectRefusal(
      submit(s, series('press-1', '2018-01-01T00:00:00Z', 501)),
      'INVALID_ARGUMENT',
      'recordsJson must hold 1 to 500 records',
    );
    await expectRefusal(
      s.ledger.submit(s.gateway, (ctx) => production.SubmitRecords(ctx, '{"a":1}')),
      'INVALID_ARGUMENT',
      'recordsJson must be a JSON array',
    );
    await expectRefusal(
      submit(s, [
        rec('press-1', '2018-01-01T00:00:00Z', 0),
        { ...rec('press-1', '2018-01-01T00:15:00Z', 1), enterpriseId: 'core-1' },
      ]),
      'INVALID_ARGUMENT',
      'records[1].enterpriseId must be the same for every record of a batch',
    );
    await expectRefusal(
      submit(s, [rec('lathe-9', '2018-01-01T00:00:00Z', 0)]),
      'NOT_FOUND',
      'device sme-1/lathe-9 does not exist',
    );
    await expectRefusal(
      submit(s, [{ ...rec('press-1', '2018-01-01T00:00:00Z', 0), enterpriseId: 'sme-9' }]),
      'NOT_FOUND',
      'enterprise sme-9 does not exist',
    );
  });

  it('refuses records from another org’s identity or from a gateway not bound to the device, writing nothing', async () => {
    const s = await newScenario();
    await addDevice(s, 'press-2');
    const keysBefore = s.ledger.keys();
    const batch = series('press-1', '2018-01-01T00:00:00Z', 3);
    await expectRefusal(submit(s, batch, s.core), 'FORBIDDEN', 'written by FactoryOrgMSP identities only');
    // a core-org identity carrying the gateway's subject is still another org
    await expectRefusal(submit(s, batch, fakeIdentity('core', 'gateway-1')), 'FORBIDDEN');
    await expectRefusal(
      submit(s, batch, fakeIdentity('factory', 'gateway-2')),
      'FORBIDDEN',
      'not the gateway of device sme-1/press-1',
    );
    await expectRefusal(submit(s, batch, s.sme), 'FORBIDDEN', 'not the gateway of device sme-1/press-1');
    // one foreign device in a batch refuses the whole batch
    const otherGateway = fakeIdentity('factory', 'gateway-3');
    await s.ledger.submit(s.sme, (ctx) =>
      registry.RegisterDevice(
        ctx,
        JSON.stringify({
          id: 'press-3',
          enterpriseId: 'sme-1',
          kind: 'press',
          description: '',
          gatewayIdentity: otherGateway.getID(),
        }),
      ),
    );
    const keysWithDevice = s.ledger.keys();
    await expectRefusal(submit(s, [...batch, rec('press-3', '2018-01-01T00:00:00Z', 0)]), 'FORBIDDEN', 'sme-1/press-3');
    expect(s.ledger.keys()).toEqual(keysWithDevice);
    expect(keysWithDevice.length).toBe(keysBefore.length + 1);
  });

  it('keeps per-device per-day sums and a reporting span written with the records', async () => {
    const s = await newScenario();
    await addDevice(s, 'press-2');
    const day1 = series('press-1', '2018-01-01T23:00:00Z', 8); // 4 on 1 Jan, 4 on 2 Jan
    await submit(s, day1.slice(0, 6));
    await submit(s, day1.slice(6));
    await submit(s, series('press-2', '2018-01-02T10:00:00Z', 3));
    const summaries = JSON.parse(
      await s.ledger.evaluate(s.sme, (ctx) => production.GetDailySummaries(ctx, 'sme-1', '2018-01-01', '2018-01-02')),
    ) as DailySummary[];
    expect(summaries.map((d) => [d.day, d.deviceId, d.records])).toEqual([
      ['2018-01-01', 'press-1', 4],
      ['2018-01-02', 'press-1', 4],
      ['2018-01-02', 'press-2', 3],
    ]);
    const jan2 = day1.slice(4);
    const sum = (pick: (r: ProductionInput) => number) => jan2.reduce((a, r) => a + pick(r), 0);
    expect(summaries[1]).toEqual({
      enterpriseId: 'sme-1',
      day: '2018-01-02',
      deviceId: 'press-1',
      records: 4,
      periodSeconds: 3600,
      unitsProduced: sum((r) => r.unitsProduced),
      unitsRejected: sum((r) => r.unitsRejected),
      runSeconds: 2400,
      idleSeconds: 800,
      downSeconds: 400,
      faultCount: sum((r) => r.faultCount),
      energyWh: 6002,
      energyRecords: 4,
      sampleCount: 360,
      firstPeriodStart: '2018-01-02T00:00:00.000Z',
      lastPeriodEnd: '2018-01-02T01:00:00.000Z',
    });
    // a re-submission does not count twice
    await submit(s, day1);
    const again = JSON.parse(
      await s.ledger.evaluate(s.sme, (ctx) => production.GetDailySummaries(ctx, 'sme-1', '2018-01-02', '2018-01-02')),
    ) as DailySummary[];
    expect(again[0]!.records).toBe(4);
    await expectRefusal(
      s.ledger.evaluate(s.sme, (ctx) => production.GetDailySummaries(ctx, 'sme-1', '2018-01-01', '2019-01-02')),
      'INVALID_ARGUMENT',
      'toDay',
    );
  });

  it('refuses figures that would make a per-day sum imprecise or infinite, and keeps the stored sums', async () => {
    const s = await newScenario();
    const MAX = Number.MAX_SAFE_INTEGER;
    const readDay = async () =>
      (
        JSON.parse(
          await s.ledger.evaluate(s.sme, (ctx) =>
            production.GetDailySummaries(ctx, 'sme-1', '2018-01-01', '2018-01-01'),
          ),
        ) as DailySummary[]
      )[0];
    await expectRefusal(
      submit(s, [rec('press-1', '2018-01-01T00:00:00Z', 0, { energyWh: 1e308 })]),
      'INVALID_ARGUMENT',
      `records[0].energyWh must be between 0 and ${MAX}`,
    );
    await submit(s, [rec('press-1', '2018-01-01T00:00:00Z', 0, { unitsProduced: MAX - 10, energyWh: MAX - 10 })]);
    const before = await readDay();
    expect(before).toMatchObject({ unitsProduced: MAX - 10, energyWh: MAX - 10, records: 1 });
    const keys = s.ledger.keys();
    await expectRefusal(
      submit(s, [rec('press-1', '2018-01-01T00:15:00Z', 1, { unitsProduced: 100, energyWh: 1 })]),
      'INVALID_ARGUMENT',
      `records[0].unitsProduced takes the 2018-01-01 sum of device sme-1/press-1 above ${MAX}`,
    );
    await expectRefusal(
      submit(s, [
        rec('press-1', '2018-01-01T00:15:00Z', 1, { unitsProduced: 1, energyWh: 1 }),
        rec('press-1', '2018-01-01T00:30:00Z', 2, { unitsProduced: 1, energyWh: 100.5 }),
      ]),
      'INVALID_ARGUMENT',
      `records[1].energyWh takes the 2018-01-01 sum of device sme-1/press-1 above ${MAX}`,
    );
    expect(s.ledger.keys()).toEqual(keys);
    expect(await readDay()).toEqual(before);
    // another day of the same device starts from zero
    expect(
      await submit(s, [rec('press-1', '2018-01-02T00:00:00Z', 3, { unitsProduced: MAX, energyWh: MAX })]),
    ).toMatchObject({ written: 1 });
    // a counter above 2^53 is named as out of range, not as a non-integer
    await expectRefusal(
      submit(s, [rec('press-1', '2018-01-03T00:00:00Z', 4, { unitsProduced: 2 ** 53 + 2 })]),
      'INVALID_ARGUMENT',
      `records[0].unitsProduced must be between 0 and ${MAX}`,
    );
  });

  it('queries a device and an enterprise by time range, in pages, a device ascending, an enterprise by day then device', async () => {
    const s = await newScenario();
    await addDevice(s, 'press-2');
    await submit(s, series('press-1', '2018-01-01T22:00:00Z', 12)); // to 01:00 on 2 Jan
    await submit(s, series('press-2', '2018-01-01T23:00:00Z', 4));
    type Page = { records: ProductionRecord[]; bookmark: string; fetchedCount: number };
    const byDevice = async (bookmark: string) =>
      JSON.parse(
        await s.ledger.evaluate(s.sme, (ctx) =>
          production.QueryByDevice(
            ctx,
            'sme-1',
            'press-1',
            '2018-01-01T23:30:00Z',
            '2018-01-02T00:45:00Z',
            '3',
            bookmark,
          ),
        ),
      ) as Page;
    const p1 = await byDevice('');
    expect(p1.records.map((r) => r.periodStart.slice(11, 16))).toEqual(['23:30', '23:45', '00:00']);
    expect(p1.fetchedCount).toBe(3);
    const p2 = await byDevice(p1.bookmark);
    expect(p2.records.map((r) => r.periodStart.slice(11, 16))).toEqual(['00:15', '00:30']);
    expect(p2.bookmark).toBe('');

    const all: string[] = [];
    let bookmark = '';
    do {
      const page = JSON.parse(
        await s.ledger.evaluate(s.sme, (ctx) =>
          production.QueryByEnterprise(ctx, 'sme-1', '2018-01-01T23:00:00Z', '2018-01-02T00:00:00Z', '3', bookmark),
        ),
      ) as Page;
      all.push(...page.records.map((r) => `${r.periodStart.slice(11, 16)} ${r.deviceId}`));
      bookmark = page.bookmark;
    } while (bookmark !== '');
    expect(all).toEqual([
      '23:00 press-1',
      '23:15 press-1',
      '23:30 press-1',
      '23:45 press-1',
      '23:00 press-2',
      '23:15 press-2',
      '23:30 press-2',
      '23:45 press-2',
    ]);
    await expectRefusal(
      s.ledger.evaluate(s.sme, (ctx) =>
        production.QueryByDevice(ctx, 'sme-1', 'press-1', '2018-01-02T00:00:00Z', '2018-01-01T00:00:00Z', '', ''),
      ),
      'INVALID_ARGUMENT',
      'to must be after from',
    );
    const foreignBookmark = p1.bookmark.replace('press-1', 'press-2');
    await expectRefusal(byDevice(foreignBookmark), 'INVALID_ARGUMENT', 'bookmark');
    await expectRefusal(
      s.ledger.evaluate(s.sme, (ctx) => production.GetRecord(ctx, 'sme-1', 'press-1', '2017-01-01T00:00:00Z')),
      'NOT_FOUND',
      'production record sme-1/press-1/2017-01-01T00:00:00.000Z does not exist',
    );
  });

  it('lets banks read only with a live production consent, and other orgs never', async () => {
    const s = await newScenario('2024-01-01T00:00:00.000Z');
    await submit(s, series('press-1', '2018-01-01T00:00:00Z', 2));
    const read = (who = s.bank) =>
      s.ledger.evaluate(who, (ctx) =>
        production.QueryByEnterprise(ctx, 'sme-1', '2018-01-01T00:00:00Z', '2018-01-02T00:00:00Z', '', ''),
      );
    await expectRefusal(
      read(),
      'CONSENT_REQUIRED',
      'bank bank-1 holds no live consent with scope production from enterprise sme-1',
    );
    await expectRefusal(read(s.core), 'FORBIDDEN');
    await s.ledger.submit(s.sme, (ctx) => consent.GrantConsent(ctx, 'bank-1', '["profile"]', '2025-01-01'));
    await expectRefusal(read(), 'CONSENT_REQUIRED');
    await s.ledger.submit(s.sme, (ctx) =>
      consent.GrantConsent(ctx, 'bank-1', '["production","profile"]', '2024-01-01T01:00:00Z'),
    );
    expect((JSON.parse(await read()) as { records: unknown[] }).records).toHaveLength(2);
    // after expiry (the fake clock moves 1 s per transaction)
    s.ledger.nowMillis = Date.parse('2024-01-01T01:00:00.000Z');
    await expectRefusal(read(), 'CONSENT_REQUIRED');
    await expectRefusal(
      s.ledger.evaluate(s.bank, (ctx) => production.GetRecord(ctx, 'sme-1', 'press-1', '2018-01-01T00:00:00Z')),
      'CONSENT_REQUIRED',
    );
  });

  it('commits concurrent batches for different devices without read conflicts, and serialises one device', async () => {
    const s = await newScenario();
    const devices = Array.from({ length: 10 }, (_, i) => `dev-${i}`);
    for (const d of devices) {
      await addDevice(s, d);
    }
    // a first batch per device, so the concurrent ones also update existing summaries and spans
    for (const d of devices) {
      await submit(s, series(d, '2018-01-01T00:00:00Z', 4));
    }
    const txs = await Promise.all(
      devices.map(async (d) => {
        const tx = s.ledger.begin(s.gateway);
        await production.SubmitRecords(tx.ctx, JSON.stringify(series(d, '2018-01-01T01:00:00Z', 100)));
        return tx;
      }),
    );
    expect(txs.map((tx) => s.ledger.commit(tx))).toEqual(devices.map(() => 'VALID'));

    const t1 = s.ledger.begin(s.gateway);
    const t2 = s.ledger.begin(s.gateway);
    await production.SubmitRecords(t1.ctx, JSON.stringify(series('dev-0', '2018-01-03T00:00:00Z', 2)));
    await production.SubmitRecords(t2.ctx, JSON.stringify(series('dev-0', '2018-01-03T00:30:00Z', 2)));
    expect(s.ledger.commit(t1)).toBe('VALID');
    expect(s.ledger.commit(t2)).not.toBe('VALID');
  });
});

describe('production writes without reading stored records when they follow the span', () => {
  it('reads no record range for periods starting at or after the device span, and writes one key per record', async () => {
    const s = await newScenario();
    await submit(s, series('press-1', '2018-01-01T23:00:00Z', 4));
    const tx = s.ledger.begin(s.gateway);
    await production.SubmitRecords(tx.ctx, JSON.stringify(series('press-1', '2018-01-02T00:00:00Z', 8)));
    expect(tx.ranges).toEqual([]);
    const written = [...tx.writes.keys()].map((k) => k.split('\u0000')[1]);
    expect(written.filter((type) => type === 'production')).toHaveLength(8);
    expect([...new Set(written)].sort()).toEqual(['production', 'production-day', 'production-span']);
    expect(s.ledger.commit(tx)).toBe('VALID');
  });

  it('reads the touched days for periods before the span end: fills gaps, refuses overlaps, keeps re-submissions', async () => {
    const s = await newScenario();
    const early = series('press-1', '2018-01-01T00:00:00Z', 2);
    await submit(s, early);
    await submit(s, series('press-1', '2018-01-05T00:00:00Z', 2));
    // a gap four days back is filled, though the span ends later
    expect(await submit(s, series('press-1', '2018-01-02T10:00:00Z', 2))).toMatchObject({ written: 2 });
    // an identical old record is unchanged, a different one is a conflict, an overlapping one too
    expect(await submit(s, early)).toMatchObject({ written: 0, unchanged: 2 });
    await expectRefusal(
      submit(s, [{ ...early[1]!, unitsProduced: 1 }]),
      'CONFLICT',
      'differs from the stored record sme-1/press-1/2018-01-01T00:15:00.000Z',
    );
    await expectRefusal(
      submit(s, [rec('press-1', '2018-01-02T10:20:00Z', 9), ...series('press-1', '2018-01-06T00:00:00Z', 1)]),
      'CONFLICT',
      'the period starting 2018-01-02T10:20:00.000Z of device sme-1/press-1 overlaps the stored period starting 2018-01-02T10:15:00.000Z',
    );
    // a new period right at the span end needs no read; one starting just before it does
    const atEnd = s.ledger.begin(s.gateway);
    await production.SubmitRecords(atEnd.ctx, JSON.stringify([rec('press-1', '2018-01-05T00:30:00Z', 5)]));
    expect(atEnd.ranges).toEqual([]);
    const beforeEnd = s.ledger.begin(s.gateway);
    await expectRefusal(
      production.SubmitRecords(beforeEnd.ctx, JSON.stringify([rec('press-1', '2018-01-05T00:29:59Z', 5)])),
      'CONFLICT',
      'overlaps the stored period starting 2018-01-05T00:15:00.000Z',
    );
    expect(beforeEnd.ranges.length).toBeGreaterThan(0);
  });

  it('serialises a stale append with a concurrent write of the same device (the span is read)', async () => {
    const s = await newScenario();
    await submit(s, series('press-1', '2018-01-01T00:00:00Z', 2));
    const t1 = s.ledger.begin(s.gateway);
    const t2 = s.ledger.begin(s.gateway);
    await production.SubmitRecords(t1.ctx, JSON.stringify(series('press-1', '2018-01-02T00:00:00Z', 1)));
    await production.SubmitRecords(t2.ctx, JSON.stringify(series('press-1', '2018-01-03T00:00:00Z', 1)));
    expect(s.ledger.commit(t1)).toBe('VALID');
    expect(s.ledger.commit(t2)).toBe('MVCC_READ_CONFLICT');
  });
});

describe('production:QueryByEnterprise', () => {
  type Page = { records: ProductionRecord[]; bookmark: string; fetchedCount: number };
  const label = (r: ProductionRecord) => `${r.periodStart.slice(5, 16)} ${r.deviceId}`;

  async function seeded(): Promise<Scenario> {
    const s = await newScenario();
    await addDevice(s, 'press-2');
    await addDevice(s, 'press-0');
    await submit(s, series('press-1', '2018-01-01T23:00:00Z', 6)); // 23:00-00:15 across midnight
    await submit(s, series('press-2', '2018-01-01T23:30:00Z', 3)); // 23:30-00:00
    await submit(s, series('press-0', '2018-01-02T00:15:00Z', 1));
    await submit(s, series('press-0', '2018-01-04T12:00:00Z', 2)); // a day later, after an empty day
    return s;
  }

  const query = (s: Scenario, from: string, to: string, pageSize: string, bookmark: string, enterpriseId = 'sme-1') =>
    s.ledger
      .evaluate(s.sme, (ctx) => production.QueryByEnterprise(ctx, enterpriseId, from, to, pageSize, bookmark))
      .then((text) => JSON.parse(text) as Page);

  async function all(
    s: Scenario,
    from: string,
    to: string,
    pageSize: string,
  ): Promise<{ labels: string[]; pages: Page[] }> {
    const pages: Page[] = [];
    let bookmark = '';
    do {
      const page = await query(s, from, to, pageSize, bookmark);
      pages.push(page);
      bookmark = page.bookmark;
      expect(pages.length).toBeLessThan(50);
    } while (bookmark !== '');
    return { labels: pages.flatMap((p) => p.records.map(label)), pages };
  }

  const everything = [
    '01-01T23:00 press-1',
    '01-01T23:15 press-1',
    '01-01T23:30 press-1',
    '01-01T23:45 press-1',
    '01-01T23:30 press-2',
    '01-01T23:45 press-2',
    '01-02T00:15 press-0',
    '01-02T00:00 press-1',
    '01-02T00:15 press-1',
    '01-02T00:00 press-2',
    '01-04T12:00 press-0',
    '01-04T12:15 press-0',
  ];

  it('orders by UTC day, then device, then periodStart, and every page size yields the same sequence', async () => {
    const s = await seeded();
    for (const size of [1, 2, 3, 4, 5, 11, 12, 13, 1000]) {
      const { labels, pages } = await all(s, '2018-01-01T00:00:00Z', '2018-01-05T00:00:00Z', String(size));
      expect(labels).toEqual(everything);
      // full pages but the last; the last page's bookmark is empty, and no page is empty
      expect(pages.map((p) => p.fetchedCount)).toEqual(pages.map((p) => p.records.length));
      expect(pages.slice(0, -1).every((p) => p.records.length === size)).toBe(true);
      expect(pages.at(-1)!.records.length).toBeGreaterThan(0);
      expect(pages.length).toBe(Math.ceil(everything.length / size));
    }
    expect((await query(s, '2018-01-01T00:00:00Z', '2018-01-05T00:00:00Z', '', '')).records).toHaveLength(12);
  });

  it('keeps periodStart in [from, to) on the first and last day, across midnight and after empty days', async () => {
    const s = await seeded();
    const { labels } = await all(s, '2018-01-01T23:45:00Z', '2018-01-02T00:15:00Z', '2');
    expect(labels).toEqual([
      '01-01T23:45 press-1',
      '01-01T23:45 press-2',
      '01-02T00:00 press-1',
      '01-02T00:00 press-2',
    ]);
    expect((await all(s, '2018-01-02T00:15:00.001Z', '2018-01-04T12:00:00.001Z', '1')).labels).toEqual([
      '01-04T12:00 press-0',
    ]);
    expect((await all(s, '2018-01-03T00:00:00Z', '2018-01-04T00:00:00Z', '5')).labels).toEqual([]);
    expect(await query(s, '2018-01-03T00:00:00Z', '2018-01-04T00:00:00Z', '5', '')).toEqual({
      records: [],
      bookmark: '',
      fetchedCount: 0,
    });
    expect((await all(s, '2017-12-01T00:00:00Z', '2018-01-01T23:15:00Z', '1')).labels).toEqual(['01-01T23:00 press-1']);
  });

  it('resumes from a bookmark after records are added before it, and refuses bookmarks of other queries', async () => {
    const s = await seeded();
    const first = await query(s, '2018-01-01T00:00:00Z', '2018-01-05T00:00:00Z', '5', '');
    expect(first.records.map(label)).toEqual(everything.slice(0, 5));
    // a record sorting before the bookmark is not repeated nor returned on the next page
    await addDevice(s, 'press-00');
    await submit(s, series('press-00', '2018-01-01T12:00:00Z', 1));
    const second = await query(s, '2018-01-01T00:00:00Z', '2018-01-05T00:00:00Z', '5', first.bookmark);
    expect(second.records.map(label)).toEqual(everything.slice(5, 10));
    // the bookmark names a record key; a page that resumes past the range's start keeps to the range
    const narrower = await query(s, '2018-01-02T00:00:00Z', '2018-01-05T00:00:00Z', '5', first.bookmark);
    expect(narrower.records.map(label)).toEqual(everything.slice(6, 11));

    await expectRefusal(
      query(s, '2018-01-01T00:00:00Z', '2018-01-05T00:00:00Z', '5', first.bookmark.replace('sme-1', 'sme-2')),
      'INVALID_ARGUMENT',
      'bookmark does not belong to this query',
    );
    for (const bad of ['nonsense', first.bookmark.replace('2018-01-01\u0000', '2018-01-03\u0000')]) {
      await expectRefusal(
        query(s, '2018-01-01T00:00:00Z', '2018-01-05T00:00:00Z', '5', bad),
        'INVALID_ARGUMENT',
        'bookmark',
      );
    }
  });
});
