import { invalidArgument } from '../errors';
import type { JsonObject } from '../ledger/store';
import { toMinorUnits } from '../ledger/money';
import { parseDate, parseDateOrTimestamp, parseTimestamp } from '../ledger/time';

const ID = /^[A-Za-z0-9._-]{1,64}$/;
const HEX64 = /^[0-9a-f]{64}$/;

/** Validates a record id: 1 to 64 characters of `[A-Za-z0-9._-]`. */
export function parseId(value: unknown, field: string): string {
  if (typeof value !== 'string' || !ID.test(value)) {
    throw invalidArgument(field, 'must be 1 to 64 characters of A-Z a-z 0-9 . _ -');
  }
  return value;
}

/** Validates a sha256 digest: 64 lowercase hex characters. */
export function parseHex64(value: unknown, field: string): string {
  if (typeof value !== 'string' || !HEX64.test(value)) {
    throw invalidArgument(field, 'must be 64 lowercase hex characters (sha256)');
  }
  return value;
}

/** Parses a transaction argument as JSON text. */
export function parseJson(text: string, field: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidArgument(field, 'must be valid JSON');
  }
}

/** Parses a transaction argument that must be a JSON object. */
export function parseJsonObject(text: string, field: string): JsonObject {
  return asObject(parseJson(text, field), field);
}

/** Parses a transaction argument that must be a JSON array. */
export function parseJsonArray(text: string, field: string): unknown[] {
  return asArray(parseJson(text, field), field);
}

/** Narrows a value to a JSON object. */
export function asObject(value: unknown, field: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidArgument(field, 'must be a JSON object');
  }
  return value as JsonObject;
}

/** Narrows a value to an array. */
export function asArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) {
    throw invalidArgument(field, 'must be a JSON array');
  }
  return value as unknown[];
}

/** Parses a string argument holding a decimal integer within bounds. */
export function parseIntegerArg(text: string, field: string, min: number, max: number): number {
  if (!/^-?\d{1,16}$/.test(text)) {
    throw invalidArgument(field, 'must be an integer');
  }
  const value = Number(text);
  if (value < min || value > max) {
    throw invalidArgument(field, `must be between ${min} and ${max}`);
  }
  return value;
}

/** Integer bounds; both inclusive. */
export interface IntegerBounds {
  readonly min?: number;
  readonly max?: number;
}

/**
 * Reads the properties of one JSON object, each named in messages as `<path>.<name>`.
 * Unknown properties are refused, so a misspelt field never passes silently.
 */
export class Fields {
  private readonly obj: JsonObject;
  private readonly path: string;

  constructor(value: unknown, path: string, allowed: readonly string[]) {
    this.obj = asObject(value, path);
    this.path = path;
    for (const name of Object.keys(this.obj)) {
      if (!allowed.includes(name)) {
        throw invalidArgument(this.field(name), 'is not a known property');
      }
    }
  }

  /** The message name of a property: `recordJson.periodEnd`, `records[3].periodEnd`. */
  public field(name: string): string {
    return `${this.path}.${name}`;
  }

  /** True when the property is present and not null. */
  public has(name: string): boolean {
    return this.obj[name] !== undefined && this.obj[name] !== null;
  }

  /** The raw value, for nested readers. */
  public raw(name: string): unknown {
    return this.obj[name];
  }

  public string(name: string, options: Readonly<{ min?: number; max?: number }> = {}): string {
    const value = this.obj[name];
    const min = options.min ?? 1;
    const max = options.max ?? 1024;
    if (typeof value !== 'string') {
      throw invalidArgument(this.field(name), 'must be a string');
    }
    if (value.length < min || value.length > max) {
      throw invalidArgument(this.field(name), `must be ${min} to ${max} characters`);
    }
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(value)) {
      throw invalidArgument(this.field(name), 'must not contain control characters');
    }
    return value;
  }

  public optionalString(name: string, options: Readonly<{ min?: number; max?: number }> = {}): string | undefined {
    return this.has(name) ? this.string(name, options) : undefined;
  }

  public id(name: string): string {
    return parseId(this.obj[name], this.field(name));
  }

  public hex64(name: string): string {
    return parseHex64(this.obj[name], this.field(name));
  }

  public oneOf<T extends string>(name: string, values: readonly T[]): T {
    const value = this.obj[name];
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      throw invalidArgument(this.field(name), `must be one of ${values.join(', ')}`);
    }
    return value as T;
  }

  /** A safe integer within bounds (default: non-negative). */
  public integer(name: string, bounds: IntegerBounds = {}): number {
    const value = this.obj[name];
    const min = bounds.min ?? 0;
    const max = bounds.max ?? Number.MAX_SAFE_INTEGER;
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      throw invalidArgument(this.field(name), 'must be an integer');
    }
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw invalidArgument(
        this.field(name),
        min === 0 && value < 0 ? 'must not be negative' : `must be between ${min} and ${max}`,
      );
    }
    return value;
  }

  /** A finite number, non-negative unless `min` says otherwise. */
  public number(name: string, bounds: Readonly<{ min?: number; max?: number }> = {}): number {
    const value = this.obj[name];
    const min = bounds.min ?? 0;
    const max = bounds.max ?? Number.MAX_VALUE;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw invalidArgument(this.field(name), 'must be a number');
    }
    if (value < min || value > max) {
      throw invalidArgument(
        this.field(name),
        min === 0 && value < 0 ? 'must not be negative' : `must be between ${min} and ${max}`,
      );
    }
    return value;
  }

  public optionalNumber(name: string, bounds: Readonly<{ min?: number; max?: number }> = {}): number | undefined {
    return this.has(name) ? this.number(name, bounds) : undefined;
  }

  /** An ISO-8601 time, returned in canonical UTC form. */
  public timestamp(name: string): string {
    return parseTimestamp(this.string(name, { max: 64 }), this.field(name));
  }

  /** A date `YYYY-MM-DD`. */
  public date(name: string): string {
    return parseDate(this.string(name, { max: 10 }), this.field(name));
  }

  /** A date `YYYY-MM-DD` (kept) or an ISO-8601 time (canonicalised). */
  public dateOrTimestamp(name: string): string {
    return parseDateOrTimestamp(this.string(name, { max: 64 }), this.field(name));
  }

  /** A money amount (at most 2 decimals), in integer minor units. */
  public moneyMinor(name: string, options: Readonly<{ allowNegative?: boolean }> = {}): number {
    return toMinorUnits(this.obj[name], this.field(name), options);
  }

  public array(name: string, bounds: Readonly<{ min?: number; max?: number }> = {}): unknown[] {
    const value = asArray(this.obj[name], this.field(name));
    const min = bounds.min ?? 0;
    const max = bounds.max ?? 10_000;
    if (value.length < min || value.length > max) {
      throw invalidArgument(this.field(name), `must have ${min} to ${max} elements`);
    }
    return value;
  }
}
