import * as fs from 'node:fs';

export const DAY_MS = 86_400_000;
/** Plant seconds of one steel metering row. */
export const STEEL_ROW_SECONDS = 900;

/** The span a data set covers. */
export interface SteelCalendar {
  /** Start of the first row's quarter hour, ms since the epoch. */
  readonly start: number;
  readonly rows: number;
}

function dataLines(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l !== '');
}

/**
 * The steel file's calendar: its first row's quarter hour and its number of rows. Each row is
 * stamped `dd/mm/yyyy HH:MM` at the end of its quarter hour (a midnight reading carries the date of
 * the day it closes).
 */
export function steelCalendar(file: string): SteelCalendar {
  const lines = dataLines(file);
  const first = lines[1]?.split(',')[0] ?? '';
  const m = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2})$/.exec(first);
  if (!m) throw new Error(`${file}: first row's date ${first} is not dd/mm/yyyy HH:MM`);
  const [, dd, mm, yyyy, hh, min] = m.map(Number) as [number, number, number, number, number, number];
  let end = Date.UTC(yyyy, mm - 1, dd, hh, min);
  if (hh === 0 && min === 0) end += DAY_MS;
  return { start: end - STEEL_ROW_SECONDS * 1000, rows: lines.length - 1 };
}

/** Data rows of a CSV file (lines after the header). */
export function csvRowCount(file: string): number {
  return dataLines(file).length - 1;
}

/** Rows of one replayed data set: 1-based first row and count. */
export type Rows = Readonly<{ first: number; count: number }>;

/** What one run replays. */
export interface ReplayPlan {
  /** First and end (exclusive) instants of the replayed plant time, at UTC midnight. */
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly days: number;
  /** True when the ledger already held production of these devices and this run continues after it. */
  readonly continued: boolean;
  readonly steel: Rows;
  readonly mill: Rows;
  /** Wall-clock seconds the replay takes at the configured speed. */
  readonly wallSeconds: number;
}

/** Settings of {@link planReplay}. */
export type ReplaySettings = Readonly<{
  start: number;
  days: number;
  speed: number;
  millFirstRow: number;
  cycleSeconds: number;
  steel: SteelCalendar;
  ai4iRows: number;
}>;

/** The replayed data ran out for this factory on this ledger. */
export class ReplayExhaustedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayExhaustedError';
  }
}

/**
 * The plant days this run replays: from the configured start, or, when the ledger already holds the
 * devices' production (`ledgerEnd`, the latest period end), from the next UTC midnight after it, so a
 * later run continues where the earlier one stopped and never writes a period twice. The window is
 * cut short where either data set ends.
 */
export function planReplay(s: ReplaySettings, ledgerEnd: number | undefined): ReplayPlan {
  if (s.start < s.steel.start) {
    throw new Error(`replay.start ${new Date(s.start).toISOString()} is before the steel data's first row`);
  }
  const continued = ledgerEnd !== undefined && ledgerEnd > s.start;
  const windowStart = continued ? Math.ceil(ledgerEnd / DAY_MS) * DAY_MS : s.start;
  const steelEnd = s.steel.start + s.steel.rows * STEEL_ROW_SECONDS * 1000;
  const millEnd = s.start + (s.ai4iRows - s.millFirstRow + 1) * s.cycleSeconds * 1000;
  const dataEnd = Math.floor(Math.min(steelEnd, millEnd) / DAY_MS) * DAY_MS;
  const windowEnd = Math.min(windowStart + s.days * DAY_MS, dataEnd);
  if (windowEnd <= windowStart) {
    throw new ReplayExhaustedError(
      `the ledger already holds this factory's production up to ${new Date(ledgerEnd ?? windowStart).toISOString()}, ` +
        `the end of the replayed data (${new Date(dataEnd).toISOString().slice(0, 10)}); start again on a new ledger ` +
        '(./test-network.sh clean) or with other enterprise ids in the demo configuration',
    );
  }
  const seconds = (windowEnd - windowStart) / 1000;
  return {
    windowStart,
    windowEnd,
    days: Math.round(seconds / 86_400),
    continued,
    steel: { first: (windowStart - s.steel.start) / 1000 / STEEL_ROW_SECONDS + 1, count: seconds / STEEL_ROW_SECONDS },
    mill: { first: s.millFirstRow + (windowStart - s.start) / 1000 / s.cycleSeconds, count: seconds / s.cycleSeconds },
    wallSeconds: seconds / s.speed,
  };
}
