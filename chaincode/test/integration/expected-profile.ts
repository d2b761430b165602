import type { ProductionInput } from '../../src/production/production-record';

/** Production figures computed straight from raw records, the way chaincode/README.md defines them. */
export interface ExpectedFigures {
  records: number;
  reportedDays: number;
  operatingRate: number;
  availability: number;
  quality: number;
  outputPerDay: number;
  outputTrendPer30Days: number;
  outputVolatility: number;
  faultsPerRunHour: number;
  reportingContinuity: number;
  score: number;
  normalized: Record<string, number>;
}

const DAY = 86_400_000;
const clamp = (x: number) => Math.min(1, Math.max(0, x));

/**
 * Computes the profile's production figures and score for the whole UTC days `[fromDay, toDay]`
 * from raw records; `firstStart` is each device's first period start ever.
 */
export function expectedFigures(
  records: readonly ProductionInput[],
  fromDay: string,
  toDay: string,
  firstStart: ReadonlyMap<string, string>,
): ExpectedFigures {
  const fromMs = Date.parse(`${fromDay}T00:00:00Z`);
  const toMs = Date.parse(`${toDay}T00:00:00Z`) + DAY;
  const inWindow = records.filter((r) => Date.parse(r.periodStart) >= fromMs && Date.parse(r.periodStart) < toMs);
  const total = (pick: (r: ProductionInput) => number) => inWindow.reduce((a, r) => a + pick(r), 0);
  const run = total((r) => r.runSeconds);
  const idle = total((r) => r.idleSeconds);
  const down = total((r) => r.downSeconds);
  const good = total((r) => r.unitsProduced);
  const bad = total((r) => r.unitsRejected);
  const perDay = new Map<string, number>();
  for (const r of inWindow) {
    const day = new Date(r.periodStart).toISOString().slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + r.unitsProduced);
  }
  const days = [...perDay.keys()].sort();
  const ys = days.map((d) => perDay.get(d) ?? 0);
  const xs = days.map((d) => (Date.parse(`${d}T00:00:00Z`) - fromMs) / DAY);
  const n = ys.length;
  const mean = ys.reduce((a, b) => a + b, 0) / n;
  const xm = xs.reduce((a, b) => a + b, 0) / n;
  const slope =
    xs.reduce((a, x, i) => a + (x - xm) * ((ys[i] ?? 0) - mean), 0) / xs.reduce((a, x) => a + (x - xm) ** 2, 0);
  const sd = Math.sqrt(ys.reduce((a, y) => a + (y - mean) ** 2, 0) / n);
  let expectedSeconds = 0;
  for (const start of firstStart.values()) {
    const ms = Date.parse(start);
    if (ms < toMs) expectedSeconds += (toMs - Math.max(fromMs, ms)) / 1000;
  }
  const covered = total((r) => (Date.parse(r.periodEnd) - Date.parse(r.periodStart)) / 1000);
  const figures = {
    records: inWindow.length,
    reportedDays: n,
    operatingRate: run / (run + idle + down),
    availability: run / (run + down),
    quality: good / (good + bad),
    outputPerDay: mean,
    outputTrendPer30Days: (slope * 30) / mean,
    outputVolatility: sd / mean,
    faultsPerRunHour: total((r) => r.faultCount) / (run / 3600),
    reportingContinuity: Math.min(1, covered / expectedSeconds),
  };
  const normalized: Record<string, number> = {
    operatingRate: figures.operatingRate,
    availability: figures.availability,
    quality: clamp((figures.quality - 0.8) / 0.2),
    reportingContinuity: figures.reportingContinuity,
    outputTrend: clamp(0.5 + figures.outputTrendPer30Days),
    outputStability: clamp(1 - figures.outputVolatility),
    faultRate: 1 / (1 + figures.faultsPerRunHour),
  };
  const weights: Record<string, number> = {
    operatingRate: 150,
    availability: 100,
    quality: 150,
    reportingContinuity: 250,
    outputTrend: 100,
    outputStability: 150,
    faultRate: 100,
  };
  const totalWeight = Object.values(weights).reduce((a, b) => a + b, 0);
  const points = Object.entries(weights).reduce(
    (a, [name, w]) => a + (1000 * w * (normalized[name] ?? 0)) / totalWeight,
    0,
  );
  return { ...figures, score: Math.round(points), normalized };
}
