import type { ApiClient } from './api-client';

/** A device's production over one UTC day, as `GET …/production/daily` returns it. */
export interface DailySum {
  readonly deviceId: string;
  readonly day: string;
  readonly records: number;
  readonly periodSeconds: number;
  readonly unitsProduced: number;
  readonly unitsRejected: number;
  readonly runSeconds: number;
  readonly idleSeconds: number;
  readonly downSeconds: number;
  readonly faultCount: number;
  readonly energyWh: number;
  readonly lastPeriodEnd: string;
}

/** Sums of a device's production over several days. */
export interface DeviceTotals {
  records: number;
  days: number;
  periodSeconds: number;
  unitsProduced: number;
  unitsRejected: number;
  faultCount: number;
  runSeconds: number;
  idleSeconds: number;
  downSeconds: number;
  energyWh: number;
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an instant. */
export function dayOf(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** The per-day sums of an enterprise's devices for the days `[from, to)` (several requests when over 366 days). */
export async function dailySums(api: ApiClient, enterpriseId: string, from: number, to: number): Promise<DailySum[]> {
  const all: DailySum[] = [];
  for (let start = from; start < to; start += 366 * DAY_MS) {
    const end = Math.min(start + 366 * DAY_MS, to);
    all.push(
      ...(await api.get<DailySum[]>(`/enterprises/${enterpriseId}/production/daily`, {
        fromDay: dayOf(start),
        toDay: dayOf(end - DAY_MS),
      })),
    );
  }
  return all;
}

/** Sums the days of each device. */
export function totalsByDevice(days: readonly DailySum[]): Map<string, DeviceTotals> {
  const totals = new Map<string, DeviceTotals>();
  for (const d of days) {
    const t = totals.get(d.deviceId) ?? {
      records: 0,
      days: 0,
      periodSeconds: 0,
      unitsProduced: 0,
      unitsRejected: 0,
      faultCount: 0,
      runSeconds: 0,
      idleSeconds: 0,
      downSeconds: 0,
      energyWh: 0,
    };
    t.records += d.records;
    t.days += 1;
    t.periodSeconds += d.periodSeconds;
    t.unitsProduced += d.unitsProduced;
    t.unitsRejected += d.unitsRejected;
    t.faultCount += d.faultCount;
    t.runSeconds += d.runSeconds;
    t.idleSeconds += d.idleSeconds;
    t.downSeconds += d.downSeconds;
    t.energyWh += d.energyWh;
    totals.set(d.deviceId, t);
  }
  return totals;
}

/** The latest period end of the given devices among the days, or undefined when they have none. */
export function latestPeriodEnd(days: readonly DailySum[], devices: readonly string[]): number | undefined {
  const ends = days.filter((d) => devices.includes(d.deviceId)).map((d) => Date.parse(d.lastPeriodEnd));
  return ends.length > 0 ? Math.max(...ends) : undefined;
}
