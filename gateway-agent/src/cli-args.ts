import { InvalidArgumentError } from 'commander';

const ISO_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2})))?$/;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Longest drain at shutdown: an hour. */
export const MAX_DRAIN_MS = 3_600_000;

/**
 * An ISO-8601 date (`2024-01-01`, UTC midnight) or date-time with `Z` or an offset
 * (`2024-01-01T00:15:00Z`), as milliseconds since the Unix epoch. Dates that do not exist
 * (`2026-02-30`) are refused, where `Date.parse` would roll them over into the next month.
 */
export function parseTime(value: string): number {
  const m = ISO_TIME.exec(value);
  if (!m) {
    throw new InvalidArgumentError(
      'not an ISO-8601 date or time such as 2024-01-01 or 2024-01-01T00:15:00Z (a time needs Z or an offset)',
    );
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) throw new InvalidArgumentError(`month ${m[2] ?? ''} does not exist`);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) {
    throw new InvalidArgumentError(
      `${m[1] ?? ''}-${m[2] ?? ''}-${m[3] ?? ''} is not a date: ${MONTHS[month - 1] ?? ''} ${year} has ${days} days`,
    );
  }
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) {
    throw new InvalidArgumentError(`${value.slice(11, 19)} is not a time of day`);
  }
  if (m[8] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) {
    throw new InvalidArgumentError(`${m[7] ?? ''} is not a UTC offset`);
  }
  return Date.parse(value);
}

/** A drain time: whole milliseconds from 0 to {@link MAX_DRAIN_MS}. */
export function parseDrainMs(value: string): number {
  const ms = /^\d{1,8}$/.test(value) ? Number(value) : NaN;
  if (!(ms <= MAX_DRAIN_MS)) {
    throw new InvalidArgumentError(`must be whole milliseconds from 0 to ${MAX_DRAIN_MS}`);
  }
  return ms;
}
