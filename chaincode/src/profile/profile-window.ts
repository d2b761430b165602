import { invalidArgument } from '../errors';
import { addDays, DAY_MS, parseDateOrTimestamp, toMillis, utcDay } from '../ledger/time';

/** Window lengths a credit profile may cover, in days. */
export const PROFILE_WINDOWS = [90, 180, 365] as const;

/** The whole UTC days a profile covers: `windowDays` days ending with the day of `asOf`. */
export interface ProfileWindow {
  readonly enterpriseId: string;
  readonly windowDays: number;
  /** `asOf` as given, canonicalised (a date stays a date). */
  readonly asOf: string;
  /** First day, inclusive. */
  readonly fromDay: string;
  /** Last day (the day of `asOf`), inclusive. */
  readonly toDay: string;
  /** Midnight UTC starting `fromDay`, in ms. */
  readonly startMs: number;
  /** Midnight UTC ending `toDay`, in ms (exclusive). */
  readonly endMs: number;
}

/** Parses `windowDays` ("90", "180" or "365") and `asOf` (a date or time) into a window of whole days. */
export function parseProfileWindow(enterpriseId: string, windowDays: string, asOf: string): ProfileWindow {
  const days = PROFILE_WINDOWS.find((d) => String(d) === windowDays);
  if (days === undefined) {
    throw invalidArgument('windowDays', `must be one of ${PROFILE_WINDOWS.join(', ')}`);
  }
  const asOfCanonical = parseDateOrTimestamp(asOf, 'asOf');
  const toDay = utcDay(asOfCanonical);
  const fromDay = addDays(toDay, 1 - days);
  const startMs = toMillis(fromDay);
  return {
    enterpriseId,
    windowDays: days,
    asOf: asOfCanonical,
    fromDay,
    toDay,
    startMs,
    endMs: startMs + days * DAY_MS,
  };
}
