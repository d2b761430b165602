import type { Context } from 'fabric-contract-api';
import { listByPartialKey, readRange } from '../ledger/store';
import { addDays, daysBetween, toMillis } from '../ledger/time';
import { DAILY_SUMMARY_KEY, type DailySummary } from '../production/daily-summary';
import { DEVICE_SPAN_KEY, type DeviceSpan } from '../production/device-span';
import { factor, round, type ProfileFactor } from './profile-factor';
import type { ProfileSection, SectionResult } from './profile-section';
import type { ProfileWindow } from './profile-window';

/** Weights of the production factors (relative; see chaincode/README.md "Credit profile"). */
export const PRODUCTION_WEIGHTS = {
  operatingRate: 150,
  availability: 100,
  quality: 150,
  reportingContinuity: 250,
  outputTrend: 100,
  outputStability: 150,
  faultRate: 100,
} as const;

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** Production figures of a window, from per-day summaries and device spans. Pure, for tests and reuse. */
export function productionFigures(
  window: ProfileWindow,
  summaries: readonly DailySummary[],
  spans: readonly DeviceSpan[],
): SectionResult {
  const sum = (pick: (s: DailySummary) => number) => summaries.reduce((acc, s) => acc + pick(s), 0);
  const records = sum((s) => s.records);
  const unitsProduced = sum((s) => s.unitsProduced);
  const unitsRejected = sum((s) => s.unitsRejected);
  const runSeconds = sum((s) => s.runSeconds);
  const idleSeconds = sum((s) => s.idleSeconds);
  const downSeconds = sum((s) => s.downSeconds);
  const faultCount = sum((s) => s.faultCount);
  const coveredSeconds = sum((s) => s.periodSeconds);

  // Daily good output across devices, on days that have records.
  const outputByDay = new Map<string, number>();
  for (const s of summaries) {
    outputByDay.set(s.day, (outputByDay.get(s.day) ?? 0) + s.unitsProduced);
  }
  const days = [...outputByDay.keys()].sort();
  const outputs = days.map((d) => outputByDay.get(d) ?? 0);
  const n = outputs.length;
  const mean = n > 0 ? outputs.reduce((a, b) => a + b, 0) / n : null;
  let slope: number | null = null;
  let cv: number | null = null;
  if (n >= 2 && mean !== null) {
    const xs = days.map((d) => daysBetween(window.fromDay, d));
    const xMean = xs.reduce((a, b) => a + b, 0) / n;
    let sxy = 0;
    let sxx = 0;
    let sYY = 0;
    xs.forEach((x, i) => {
      const y = outputs[i] ?? 0;
      sxy += (x - xMean) * (y - mean);
      sxx += (x - xMean) ** 2;
      sYY += (y - mean) ** 2;
    });
    slope = sxx > 0 ? sxy / sxx : 0;
    cv = mean > 0 ? Math.sqrt(sYY / n) / mean : null;
  }
  const trend = slope !== null && mean !== null && mean > 0 ? (slope * 30) / mean : null;

  // Reporting continuity: covered seconds over the time each device was expected to report.
  const perDevice = spans
    .filter((span) => span.firstPeriodStart !== '' && toMillis(span.firstPeriodStart) < window.endMs)
    .map((span) => {
      const mine = summaries.filter((s) => s.deviceId === span.deviceId);
      const expectedSeconds = (window.endMs - Math.max(window.startMs, toMillis(span.firstPeriodStart))) / 1000;
      const covered = mine.reduce((acc, s) => acc + s.periodSeconds, 0);
      return {
        deviceId: span.deviceId,
        records: mine.reduce((acc, s) => acc + s.records, 0),
        coveredSeconds: covered,
        expectedSeconds,
        continuity: round(Math.min(1, covered / expectedSeconds), 6),
      };
    });
  const expectedSeconds = perDevice.reduce((acc, d) => acc + d.expectedSeconds, 0);
  const continuity = expectedSeconds > 0 ? Math.min(1, coveredSeconds / expectedSeconds) : null;

  const activeDevices = new Set(summaries.filter((s) => s.records > 0).map((s) => s.deviceId)).size;
  const operatingRate = ratio(runSeconds, runSeconds + idleSeconds + downSeconds);
  const availability = ratio(runSeconds, runSeconds + downSeconds);
  const quality = ratio(unitsProduced, unitsProduced + unitsRejected);
  const faultsPerRunHour = ratio(faultCount, runSeconds / 3600);

  const keyRange = {
    recordType: DAILY_SUMMARY_KEY,
    enterpriseId: window.enterpriseId,
    fromDay: window.fromDay,
    toDay: window.toDay,
  };
  const basis = { records, dailySummaries: summaries.length, reportedDays: n, keyRange };
  const w = PRODUCTION_WEIGHTS;
  const factors: ProfileFactor[] = [
    factor('operatingRate', operatingRate, (v) => v, w.operatingRate, basis),
    factor('availability', availability, (v) => v, w.availability, basis),
    factor('quality', quality, (v) => (v - 0.8) / 0.2, w.quality, basis),
    factor('reportingContinuity', continuity, (v) => v, w.reportingContinuity, {
      ...basis,
      devices: perDevice.length,
      deviceSpans: { recordType: DEVICE_SPAN_KEY, enterpriseId: window.enterpriseId },
    }),
    factor('outputTrend', trend, (v) => 0.5 + v, w.outputTrend, basis),
    factor('outputStability', cv, (v) => 1 - v, w.outputStability, basis),
    factor('faultRate', faultsPerRunHour, (v) => 1 / (1 + v), w.faultRate, basis),
  ];
  const r6 = (v: number | null) => (v === null ? null : round(v, 6));

  return {
    figures: {
      records,
      reportedDays: n,
      activeDevices,
      unitsProduced,
      unitsRejected,
      runSeconds,
      idleSeconds,
      downSeconds,
      faultCount,
      energyWh: round(
        sum((s) => s.energyWh),
        3,
      ),
      sampleCount: sum((s) => s.sampleCount),
      coveredSeconds,
      expectedSeconds,
      operatingRate: r6(operatingRate),
      availability: r6(availability),
      quality: r6(quality),
      rejectRate: r6(quality === null ? null : 1 - quality),
      outputPerDay: r6(mean),
      outputTrendPerDay: r6(slope),
      outputTrendPer30Days: r6(trend),
      outputVolatility: r6(cv),
      faultsPerRunHour: r6(faultsPerRunHour),
      reportingContinuity: r6(continuity),
      devices: perDevice,
      firstDay: days[0] ?? null,
      lastDay: days[n - 1] ?? null,
    },
    factors,
    computedFrom: { dailySummaries: summaries.length, deviceSpans: spans.length, productionRecords: records },
  };
}

/** The production section: reads the window's per-day summaries and the enterprise's device spans. */
export const productionSection: ProfileSection = {
  name: 'production',
  async compute(ctx: Context, window: ProfileWindow): Promise<SectionResult> {
    const summaries = (
      await readRange<DailySummary>(ctx, DAILY_SUMMARY_KEY, [window.enterpriseId], {
        fromParts: [window.fromDay],
        toParts: [addDays(window.toDay, 1)],
      })
    ).map((e) => e.value);
    const spans = (await listByPartialKey<DeviceSpan>(ctx, DEVICE_SPAN_KEY, [window.enterpriseId])).map((e) => e.value);
    return productionFigures(window, summaries, spans);
  },
};
