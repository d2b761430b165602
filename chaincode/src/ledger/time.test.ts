import { isContractError } from '../errors';
import { addDays, daysBetween, parseDate, parseDateOrTimestamp, parseTimestamp, utcDay } from './time';

describe('time', () => {
  it('canonicalises times to UTC with milliseconds', () => {
    expect(parseTimestamp('2018-01-01T00:15:00Z', 't')).toBe('2018-01-01T00:15:00.000Z');
    expect(parseTimestamp('2018-01-01T08:15:00.5+08:00', 't')).toBe('2018-01-01T00:15:00.500Z');
    expect(parseTimestamp('2018-01-01T00:15:00.123000-01:30', 't')).toBe('2018-01-01T01:45:00.123Z');
  });

  it.each([
    ['2018-01-01', 'must be an ISO-8601 time'],
    ['2018-01-01T00:15:00', 'must be an ISO-8601 time'],
    ['2018-02-30T00:00:00Z', 'is not a valid calendar date'],
    ['2018-01-01T24:00:00Z', 'out of range'],
    ['2018-01-01T00:00:00.0001Z', 'more precise than a millisecond'],
    ['1969-12-31T23:59:59Z', 'year between'],
    ['9999-12-31T00:00:00.001Z', 'must not be later than 9999-12-31T00:00:00Z'],
    ['9999-12-31T23:00:00Z', 'must not be later than 9999-12-31T00:00:00Z'],
    ['2018-01-01T00:00:00+25:00', 'invalid UTC offset'],
  ])('refuses %s naming the field', (value, message) => {
    let caught: unknown;
    try {
      parseTimestamp(value, 'periodStart');
    } catch (err) {
      caught = err;
    }
    expect(isContractError(caught, 'INVALID_ARGUMENT')).toBe(true);
    expect((caught as Error).message).toContain('INVALID_ARGUMENT: periodStart');
    expect((caught as Error).message).toContain(message);
  });

  it('keeps dates as dates and accepts leap days', () => {
    expect(parseDate('2024-02-29', 'd')).toBe('2024-02-29');
    expect(() => parseDate('2023-02-29', 'd')).toThrow('INVALID_ARGUMENT: d is not a valid calendar date');
    expect(parseDateOrTimestamp('2024-03-01', 'd')).toBe('2024-03-01');
    expect(parseDateOrTimestamp('2024-03-01T10:00:00+01:00', 'd')).toBe('2024-03-01T09:00:00.000Z');
  });

  it('ends at 9999-12-31T00:00:00Z, so the day after any accepted date has a four-digit year', () => {
    expect(parseTimestamp('9999-12-31T00:00:00Z', 't')).toBe('9999-12-31T00:00:00.000Z');
    expect(parseTimestamp('9999-12-31T00:30:00+01:00', 't')).toBe('9999-12-30T23:30:00.000Z');
    expect(parseDate('9999-12-30', 'd')).toBe('9999-12-30');
    expect(() => parseDate('9999-12-31', 'd')).toThrow('INVALID_ARGUMENT: d must not be later than 9999-12-30');
    expect(addDays('9999-12-30', 1)).toBe('9999-12-31');
    expect(() => addDays('9999-12-31', 1)).toThrow('outside the years 1970 to 9999');
  });

  it('does day arithmetic in UTC', () => {
    expect(utcDay('2024-03-01T23:59:59.999Z')).toBe('2024-03-01');
    expect(utcDay('2024-03-01')).toBe('2024-03-01');
    expect(utcDay('2024-03-02T01:30:00+02:00')).toBe('2024-03-01');
    expect(utcDay('2024-03-01T23:59:59Z')).toBe('2024-03-01');
    expect(utcDay(Date.UTC(2024, 1, 29, 23, 59))).toBe('2024-02-29');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
  });
});
