import { toMillis, utcDay } from '../ledger/time';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Orders two canonical values that may each be a date (`YYYY-MM-DD`) or a time: at day
 * precision when either is a date, else to the millisecond. Negative when `a` is earlier.
 */
export function compareMoments(a: string, b: string): number {
  if (DATE_ONLY.test(a) || DATE_ONLY.test(b)) {
    const da = utcDay(a);
    const db = utcDay(b);
    return da < db ? -1 : da > db ? 1 : 0;
  }
  return toMillis(a) - toMillis(b);
}
