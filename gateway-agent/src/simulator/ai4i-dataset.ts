import { parse } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';

/** One machining cycle of the AI4I 2020 data set: one part. */
export type Ai4iRow = Readonly<{
  /** 1-based data row in the file. */
  row: number;
  udi: number;
  productId: string;
  type: 'L' | 'M' | 'H';
  airTemperatureK: number;
  processTemperatureK: number;
  rotationalSpeedRpm: number;
  torqueNm: number;
  toolWearMin: number;
  machineFailure: boolean;
  /** Failure modes: tool wear, heat dissipation, power, overstrain, random. */
  twf: boolean;
  hdf: boolean;
  pwf: boolean;
  osf: boolean;
  rnf: boolean;
}>;

const COLUMNS = [
  'UDI',
  'Product ID',
  'Type',
  'Air temperature [K]',
  'Process temperature [K]',
  'Rotational speed [rpm]',
  'Torque [Nm]',
  'Tool wear [min]',
  'Machine failure',
  'TWF',
  'HDF',
  'PWF',
  'OSF',
  'RNF',
];

/** Reads rows `first` .. `first + count - 1` (1-based) of ai4i2020.csv (UTF-8 with BOM, CRLF). */
export function readAi4i(file: string, first = 1, count?: number): Ai4iRow[] {
  const records = parse<Record<string, string>>(readFileSync(file), {
    bom: true,
    columns: true,
    skip_empty_lines: true,
    trim: true,
  });
  const header = Object.keys(records[0] ?? {});
  const missing = COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new Error(`${file}: missing columns ${missing.join(', ')}`);
  const slice = records.slice(first - 1, count === undefined ? undefined : first - 1 + count);
  if (slice.length === 0) throw new Error(`${file}: no rows from row ${first}`);
  return slice.map((r, i) => {
    const num = (c: string): number => {
      const v = Number(r[c]);
      if (r[c] === undefined || r[c] === '' || Number.isNaN(v))
        throw new Error(`${file}: row ${first + i}: ${c} is not a number`);
      return v;
    };
    const flag = (c: string): boolean => num(c) === 1;
    const type = r.Type;
    if (type !== 'L' && type !== 'M' && type !== 'H')
      throw new Error(`${file}: row ${first + i}: Type ${String(type)}`);
    return {
      row: first + i,
      udi: num('UDI'),
      productId: r['Product ID'] ?? '',
      type,
      airTemperatureK: num('Air temperature [K]'),
      processTemperatureK: num('Process temperature [K]'),
      rotationalSpeedRpm: num('Rotational speed [rpm]'),
      torqueNm: num('Torque [Nm]'),
      toolWearMin: num('Tool wear [min]'),
      machineFailure: flag('Machine failure'),
      twf: flag('TWF'),
      hdf: flag('HDF'),
      pwf: flag('PWF'),
      osf: flag('OSF'),
      rnf: flag('RNF'),
    };
  });
}

/**
 * The fault code of a cycle: 0 when the machine did not fail; otherwise a bit per failure mode
 * (1 tool wear, 2 heat dissipation, 4 power, 8 overstrain, 16 random), or 32 when the data set
 * records a failure without a mode.
 */
export function ai4iFaultCode(row: Ai4iRow): number {
  if (!row.machineFailure) return 0;
  const bits = (row.twf ? 1 : 0) | (row.hdf ? 2 : 0) | (row.pwf ? 4 : 0) | (row.osf ? 8 : 0) | (row.rnf ? 16 : 0);
  return bits === 0 ? 32 : bits;
}
