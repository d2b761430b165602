import { invalidArgument } from '../errors';

const CURRENCY = /^[A-Z]{3}$/;
const MAX_MINOR = Number.MAX_SAFE_INTEGER;

/**
 * Converts a money amount (a JSON number with at most 2 decimals) into integer minor units (cents).
 * Refuses negative amounts unless `allowNegative`, and amounts beyond safe integer range.
 */
export function toMinorUnits(
  amount: unknown,
  field: string,
  options: Readonly<{ allowNegative?: boolean }> = {},
): number {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    throw invalidArgument(field, 'must be a number');
  }
  if (amount < 0 && options.allowNegative !== true) {
    throw invalidArgument(field, 'must not be negative');
  }
  const minor = Math.round(amount * 100);
  if (Math.abs(minor) > MAX_MINOR) {
    throw invalidArgument(field, 'is too large');
  }
  if (minor / 100 !== amount) {
    throw invalidArgument(field, 'must have at most 2 decimals');
  }
  return minor;
}

/** Converts integer minor units back into the JSON money number (`1234567` becomes `12345.67`). */
export function fromMinorUnits(minor: number): number {
  return Number((minor / 100).toFixed(2));
}

/** Validates an ISO 4217 currency code (three capital letters). */
export function parseCurrency(value: unknown, field: string): string {
  if (typeof value !== 'string' || !CURRENCY.test(value)) {
    throw invalidArgument(field, 'must be an ISO 4217 currency code such as USD');
  }
  return value;
}
