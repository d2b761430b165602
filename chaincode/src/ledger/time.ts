import { invalidArgument } from '../errors';

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1970;
const MAX_YEAR = 9999;
/**
 * The latest time accepted, 9999-12-31T00:00:00Z, so the latest date is 9999-12-30: the day after
 * any accepted date still has a four-digit year, and key ranges ending at that next day stay ordered.
 */
const LATEST_MS = Date.UTC(MAX_YEAR, 11, 31);
const LATEST = '9999-12-31T00:00:00Z';
const LATEST_DAY = '9999-12-30';

/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function checkDateParts(field: string, year: number, month: number, day: number): void {
  if (year < MIN_YEAR || year > MAX_YEAR) {
    throw invalidArgument(field, `must have a year between ${MIN_YEAR} and ${MAX_YEAR}`);
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw invalidArgument(field, 'is not a valid calendar date');
  }
}

/**
 * Parses an ISO-8601 time with `Z` or an offset (`+08:00`) and returns milliseconds since the epoch.
 * Fractions finer than a millisecond must be zero.
 */
export function parseTimestampMillis(value: string, field: string): number {
  const m = TIMESTAMP.exec(value);
  if (!m) {
    throw invalidArgument(field, 'must be an ISO-8601 time such as 2018-01-01T00:15:00Z');
  }
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  checkDateParts(field, year, month, day);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (hour > 23 || minute > 59 || second > 59) {
    throw invalidArgument(field, 'has an hour, minute or second out of range');
  }
  if (/[1-9]/.test(frac.slice(3))) {
    throw invalidArgument(field, 'must not be more precise than a millisecond');
  }
  const millis = Number(frac.slice(0, 3).padEnd(3, '0'));
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) {
      throw invalidArgument(field, 'has an invalid UTC offset');
    }
    offsetMinutes = sign * (oh * 60 + om);
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  const utcYear = new Date(utc).getUTCFullYear();
  if (utcYear < MIN_YEAR || utcYear > MAX_YEAR) {
    throw invalidArgument(field, `must have a year between ${MIN_YEAR} and ${MAX_YEAR}`);
  }
  if (utc > LATEST_MS) {
    throw invalidArgument(field, `must not be later than ${LATEST}`);
  }
  return utc;
}

/** Parses an ISO-8601 time and returns its canonical form `YYYY-MM-DDTHH:mm:ss.sssZ` (UTC). */
export function parseTimestamp(value: string, field: string): string {
  return new Date(parseTimestampMillis(value, field)).toISOString();
}

/** Parses a calendar date `YYYY-MM-DD` and returns it unchanged. */
export function parseDate(value: string, field: string): string {
  const m = DATE.exec(value);
  if (!m) {
    throw invalidArgument(field, 'must be a date YYYY-MM-DD');
  }
  checkDateParts(field, Number(m[1]), Number(m[2]), Number(m[3]));
  if (value > LATEST_DAY) {
    throw invalidArgument(field, `must not be later than ${LATEST_DAY}`);
  }
  return value;
}

/** Parses either a date `YYYY-MM-DD` (kept as a date) or an ISO-8601 time (canonicalised). */
export function parseDateOrTimestamp(value: string, field: string): string {
  return DATE.test(value) ? parseDate(value, field) : parseTimestamp(value, field);
}

/** Milliseconds of a canonical time, or of midnight UTC starting a `YYYY-MM-DD` date. */
export function toMillis(canonical: string): number {
  return DATE.test(canonical) ? Date.parse(`${canonical}T00:00:00.000Z`) : Date.parse(canonical);
}

/** Canonical time for epoch milliseconds. */
export function fromMillis(millis: number): string {
  return new Date(millis).toISOString();
}

/** A canonical time or a date: its first ten characters are its UTC date. */
const CANONICAL = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}\.\d{3}Z)?$/;

/** The UTC date (`YYYY-MM-DD`) of a canonical time or epoch milliseconds. */
export function utcDay(time: string | number): string {
  if (typeof time === 'string' && CANONICAL.test(time)) {
    return time.slice(0, 10);
  }
  const millis = typeof time === 'number' ? time : toMillis(time);
  return new Date(millis).toISOString().slice(0, 10);
}

/** The date `days` days after (or before, when negative) a `YYYY-MM-DD` date. */
export function addDays(day: string, days: number): string {
  const result = utcDay(toMillis(day) + days * DAY_MS);
  // Beyond 9999 the ISO form gains a sign and two digits ('+010000-01') and sorts before every
  // date: a loop or key range ending there would never end or come back empty.
  if (!DATE.test(result)) {
    throw invalidArgument('day', `${day} plus ${days} days is outside the years ${MIN_YEAR} to ${MAX_YEAR}`);
  }
  return result;
}

/** Whole days from date `from` to date `to` (`to - from`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toMillis(to) - toMillis(from)) / DAY_MS);
}
