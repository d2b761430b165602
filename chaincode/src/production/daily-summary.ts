import type { Context } from 'fabric-contract-api';
import { compositeKey } from '../ledger/store';
import { toMillis } from '../ledger/time';
import type { ProductionInput } from './production-record';

/** Composite key type of per-day aggregates: `production-day(enterpriseId, day, deviceId)`. */
export const DAILY_SUMMARY_KEY = 'production-day';

/**
 * The sums of one device's records whose period starts on one UTC day. Written in the same
 * transaction as the records, one key per (enterprise, day, device): batches for different devices
 * never write the same key, and a profile reads one key per device-day whatever the period length.
 */
export interface DailySummary {
  enterpriseId: string;
  day: string;
  deviceId: string;
  records: number;
  periodSeconds: number;
  unitsProduced: number;
  unitsRejected: number;
  runSeconds: number;
  idleSeconds: number;
  downSeconds: number;
  faultCount: number;
  energyWh: number;
  energyRecords: number;
  sampleCount: number;
  firstPeriodStart: string;
  lastPeriodEnd: string;
}

/** The ledger key of one device's summary for one day. */
export function dailySummaryKey(ctx: Context, enterpriseId: string, day: string, deviceId: string): string {
  return compositeKey(ctx, DAILY_SUMMARY_KEY, [enterpriseId, day, deviceId]);
}

/** An empty summary for a device and day. */
export function emptySummary(enterpriseId: string, day: string, deviceId: string): DailySummary {
  return {
    enterpriseId,
    day,
    deviceId,
    records: 0,
    periodSeconds: 0,
    unitsProduced: 0,
    unitsRejected: 0,
    runSeconds: 0,
    idleSeconds: 0,
    downSeconds: 0,
    faultCount: 0,
    energyWh: 0,
    energyRecords: 0,
    sampleCount: 0,
    firstPeriodStart: '',
    lastPeriodEnd: '',
  };
}

/** The summary with one more record added. */
export function addToSummary(summary: DailySummary, record: ProductionInput): DailySummary {
  const hasEnergy = record.energyWh !== undefined;
  return {
    ...summary,
    records: summary.records + 1,
    periodSeconds: summary.periodSeconds + (toMillis(record.periodEnd) - toMillis(record.periodStart)) / 1000,
    unitsProduced: summary.unitsProduced + record.unitsProduced,
    unitsRejected: summary.unitsRejected + record.unitsRejected,
    runSeconds: summary.runSeconds + record.runSeconds,
    idleSeconds: summary.idleSeconds + record.idleSeconds,
    downSeconds: summary.downSeconds + record.downSeconds,
    faultCount: summary.faultCount + record.faultCount,
    energyWh: summary.energyWh + (record.energyWh ?? 0),
    energyRecords: summary.energyRecords + (hasEnergy ? 1 : 0),
    sampleCount: summary.sampleCount + record.sampleCount,
    firstPeriodStart:
      summary.firstPeriodStart === '' || record.periodStart < summary.firstPeriodStart
        ? record.periodStart
        : summary.firstPeriodStart,
    lastPeriodEnd: record.periodEnd > summary.lastPeriodEnd ? record.periodEnd : summary.lastPeriodEnd,
  };
}

/** The sums of a day that add up a figure of each record (named as in the record). */
const SUMMED_FIGURES = [
  'unitsProduced',
  'unitsRejected',
  'runSeconds',
  'idleSeconds',
  'downSeconds',
  'faultCount',
  'energyWh',
  'sampleCount',
] as const;

/**
 * The first summed figure that has grown beyond `Number.MAX_SAFE_INTEGER` (where sums stop being
 * exact, and later become infinite and are stored as `null`), or undefined when every sum is exact.
 */
export function oversizedSum(summary: DailySummary): (typeof SUMMED_FIGURES)[number] | undefined {
  return SUMMED_FIGURES.find((name) => !(summary[name] <= Number.MAX_SAFE_INTEGER));
}
