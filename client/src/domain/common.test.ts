import { dateOrTimeSchema, isoTimeSchema, queryDateOrTimeSchema, queryTimeSchema } from './common';

function message(result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined {
  return result.error?.issues[0]?.message;
}

describe('time schemas', () => {
  it('read a space where the offset sign + belongs in a query (an unencoded + in a URL)', () => {
    expect(queryTimeSchema.parse('2024-01-01T08:00:00 08:00')).toBe('2024-01-01T00:00:00.000Z');
    expect(queryTimeSchema.parse('2024-01-01T08:00:00.25 08:00')).toBe('2024-01-01T00:00:00.250Z');
    expect(queryTimeSchema.parse('2024-01-01T08:00:00+08:00')).toBe('2024-01-01T00:00:00.000Z');
    expect(queryDateOrTimeSchema.parse('2024-01-01T08:00:00 08:00')).toBe('2024-01-01T00:00:00.000Z');
    expect(queryDateOrTimeSchema.parse('2024-01-01')).toBe('2024-01-01');
  });

  it('still refuse other spaces and malformed times in a query', () => {
    for (const bad of [
      '2024-01-01 08:00:00+08:00',
      '2024-01-01T08:00:00  08:00',
      '2024-01-01T08:00:00 8:00',
      ' 2024-01-01T08:00:00Z',
    ]) {
      expect(message(queryTimeSchema.safeParse(bad))).toBe(
        'must be a valid ISO-8601 time such as 2018-01-01T00:15:00Z, from 1970 to 9999-12-31T00:00:00Z',
      );
    }
    expect(queryTimeSchema.safeParse('2024-02-30T08:00:00 08:00').success).toBe(false);
  });

  it('end where the ledger ends: times at 9999-12-31T00:00:00Z, dates at 9999-12-30', () => {
    expect(isoTimeSchema.parse('9999-12-31T00:00:00Z')).toBe('9999-12-31T00:00:00.000Z');
    expect(isoTimeSchema.safeParse('9999-12-31T00:00:00.001Z').success).toBe(false);
    expect(isoTimeSchema.safeParse('9999-12-31T23:00:00Z').success).toBe(false);
    expect(dateOrTimeSchema.parse('9999-12-30')).toBe('9999-12-30');
    expect(message(dateOrTimeSchema.safeParse('9999-12-31'))).toContain('1970-01-01 to 9999-12-30');
  });

  it('name a space where the offset sign belongs outside a query', () => {
    expect(message(isoTimeSchema.safeParse('2024-01-01T00:00:00 08:00'))).toBe(
      "has a space where the offset's + or - belongs; write 2024-01-01T00:00:00+08:00 (in a URL query, encode + as %2B)",
    );
    expect(message(dateOrTimeSchema.safeParse('2024-01-01T00:00:00 08:00'))).toBe(
      "has a space where the offset's + or - belongs; write 2024-01-01T00:00:00+08:00 (in a URL query, encode + as %2B)",
    );
    expect(message(isoTimeSchema.safeParse('2024-01-01T00:00:00'))).toBe(
      'must be a valid ISO-8601 time such as 2018-01-01T00:15:00Z, from 1970 to 9999-12-31T00:00:00Z',
    );
  });
});
