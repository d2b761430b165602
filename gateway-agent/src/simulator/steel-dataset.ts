import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';

/** One 15-minute interval of the steel plant's metering. */
export type SteelRow = Readonly<{
  /** 1-based data row in the file. */
  row: number;
  /** End of the interval (milliseconds since the epoch; the file's local times read as UTC). */
  end: number;
  /** Active energy in the interval, in whole watt-hours (the file gives kWh with two decimals). */
  energyWh: number;
  lagReactiveKvarh: number;
  leadReactiveKvarh: number;
  co2Tonnes: number;
  lagPowerFactor: number;
  leadPowerFactor: number;
  weekend: boolean;
  load: 'Light_Load' | 'Medium_Load' | 'Maximum_Load';
}>;

/** Plant seconds per row. */
export const STEEL_INTERVAL_SECONDS = 900;

const LOADS = ['Light_Load', 'Medium_Load', 'Maximum_Load'] as const;

/**
 * Reads rows `first` .. `first + count - 1` (1-based) of Steel_industry_data.csv (UTF-8 with BOM, CRLF,
 * `dd/mm/yyyy HH:MM`). Each row's time is the end of its interval; a day's midnight reading carries
 * that day's date, so `00:00` is read as the end of the day (the next day's 00:00).
 */
export function readSteel(file: string, first = 1, count?: number): SteelRow[] {
  const records = parse<Record<string, string>>(readFileSync(file), {
    bom: true,
    columns: true,
    skip_empty_lines: true,
    trim: true,
  });
  const slice = records.slice(first - 1, count === undefined ? undefined : first - 1 + count);
  if (slice.length === 0) throw new Error(`${file}: no rows from row ${first}`);
  return slice.map((r, i) => {
    const where = `${file}: row ${first + i}`;
    const num = (c: string): number => {
      const v = Number(r[c]);
      if (r[c] === undefined || r[c] === '' || Number.isNaN(v)) throw new Error(`${where}: ${c} is not a number`);
      return v;
    };
    const load = LOADS.find((l) => l === r.Load_Type);
    if (!load) throw new Error(`${where}: unknown Load_Type ${String(r.Load_Type)}`);
    return {
      row: first + i,
      end: intervalEnd(r.date ?? '', where),
      energyWh: kwhToWh(r.Usage_kWh ?? '', where),
      lagReactiveKvarh: num('Lagging_Current_Reactive.Power_kVarh'),
      leadReactiveKvarh: num('Leading_Current_Reactive_Power_kVarh'),
      co2Tonnes: num('CO2(tCO2)'),
      lagPowerFactor: num('Lagging_Current_Power_Factor'),
      leadPowerFactor: num('Leading_Current_Power_Factor'),
      weekend: r.WeekStatus === 'Weekend',
      load,
    };
  });
}

/** The end of the interval a `dd/mm/yyyy HH:MM` stamp closes. */
export function intervalEnd(date: string, where = 'date'): number {
  const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/.exec(date);
  if (!m) throw new Error(`${where}: date ${date} is not dd/mm/yyyy HH:MM`);
  const [, dd, mm, yyyy, hh, min] = m.map(Number) as [number, number, number, number, number, number];
  const t = Date.UTC(yyyy, mm - 1, dd, hh, min);
  return hh === 0 && min === 0 ? t + 86_400_000 : t;
}

/** Exact watt-hours of a decimal kWh string. */
export function kwhToWh(kwh: string, where = 'Usage_kWh'): number {
  const m = /^(\d+)(?:\.(\d{1,3}))?$/.exec(kwh);
  if (!m) throw new Error(`${where}: Usage_kWh ${kwh} is not a decimal number`);
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
}
