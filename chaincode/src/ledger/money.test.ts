import { fromMinorUnits, parseCurrency, toMinorUnits } from './money';

describe('money', () => {
  it('converts amounts with up to 2 decimals to integer minor units and back', () => {
    expect(toMinorUnits(12345.67, 'amount')).toBe(1234567);
    expect(toMinorUnits(0.1, 'amount')).toBe(10);
    expect(toMinorUnits(100.5, 'amount')).toBe(10050);
    expect(() => toMinorUnits(1.005, 'amount')).toThrow('at most 2 decimals');
    expect(toMinorUnits(19.99, 'amount')).toBe(1999);
    expect(fromMinorUnits(1234567)).toBe(12345.67);
    expect(fromMinorUnits(10 + 20)).toBe(0.3);
  });

  it('refuses more than 2 decimals, negatives and non-numbers, naming the field', () => {
    expect(() => toMinorUnits(0.001, 'lines[0].unitPrice')).toThrow(
      'INVALID_ARGUMENT: lines[0].unitPrice must have at most 2 decimals',
    );
    expect(() => toMinorUnits(-1, 'amount')).toThrow('INVALID_ARGUMENT: amount must not be negative');
    expect(toMinorUnits(-1.5, 'amount', { allowNegative: true })).toBe(-150);
    expect(() => toMinorUnits('12', 'amount')).toThrow('INVALID_ARGUMENT: amount must be a number');
    expect(() => toMinorUnits(1e300, 'amount')).toThrow('INVALID_ARGUMENT: amount is too large');
  });

  it('validates currency codes', () => {
    expect(parseCurrency('USD', 'currency')).toBe('USD');
    expect(() => parseCurrency('usd', 'currency')).toThrow('INVALID_ARGUMENT: currency must be an ISO 4217');
  });
});
