import { z } from 'zod';

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MIN_YEAR = 1970;
const MAX_YEAR = 9999;
/** The latest time the ledger accepts (so its latest date is 9999-12-30), as the chaincode has it. */
const LATEST_MS = Date.UTC(MAX_YEAR, 11, 31);
const LATEST_DAY = '9999-12-30';

function validCalendarDate(year: number, month: number, day: number): boolean {
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Milliseconds since the epoch of an ISO-8601 time, or undefined when it is malformed or out of range. */
export function parseIsoTime(value: string): number | undefined {
  const m = TIMESTAMP.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (!validCalendarDate(year, month, day)) return undefined;
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (hour > 23 || minute > 59 || second > 59 || /[1-9]/.test(frac.slice(3))) return undefined;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const millis = Number(frac.slice(0, 3).padEnd(3, '0'));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
  const utcYear = new Date(utc).getUTCFullYear();
  return utcYear < MIN_YEAR || utc > LATEST_MS ? undefined : utc;
}

/** True for a real calendar date `YYYY-MM-DD` from 1970-01-01 to 9999-12-30. */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && validCalendarDate(Number(m[1]), Number(m[2]), Number(m[3])) && value <= LATEST_DAY;
}

/** Enterprise, device, contract and other record ids: 1–64 characters of `[A-Za-z0-9._-]`. */
export const identifierSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 characters of A-Z a-z 0-9 . _ -')
  .meta({ example: 'acme-metal' });

/** A time whose offset sign is a space: what an unencoded `+` in a URL query becomes (`…T08:00:00 08:00`). */
const SPACE_FOR_PLUS = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?) (\d{2}:\d{2})$/;

const TIME_ERROR = 'must be a valid ISO-8601 time such as 2018-01-01T00:15:00Z, from 1970 to 9999-12-31T00:00:00Z';

/** The refusal of a malformed time; one with a space where the offset sign belongs is named as such. */
function timeError(input: unknown, plain: string): string {
  if (typeof input !== 'string') return plain;
  const m = SPACE_FOR_PLUS.exec(input);
  return m
    ? `has a space where the offset's + or - belongs; write ${m[1] ?? ''}+${m[2] ?? ''} (in a URL query, encode + as %2B)`
    : plain;
}

/** A query value with the `+` of its offset restored, when URL decoding turned it into a space. */
function restoreOffsetPlus(value: string): string {
  return value.replace(SPACE_FOR_PLUS, '$1+$2');
}

/** An ISO-8601 time with `Z` or an offset; converted to the canonical UTC form `YYYY-MM-DDTHH:mm:ss.sssZ`. */
export const isoTimeSchema = z
  .string()
  .refine((v) => parseIsoTime(v) !== undefined, { error: (issue) => timeError(issue.input, TIME_ERROR) })
  .transform((v) => new Date(parseIsoTime(v) ?? 0).toISOString())
  .meta({ format: 'date-time', example: '2018-01-01T00:15:00Z' });

/**
 * {@link isoTimeSchema} for URL query parameters: an unencoded `+` of the offset arrives as a space
 * (`2024-01-01T08:00:00 08:00`), which is read as the `+` it was.
 */
export const queryTimeSchema = z
  .string()
  .refine((v) => parseIsoTime(restoreOffsetPlus(v)) !== undefined, { error: TIME_ERROR })
  .transform((v) => new Date(parseIsoTime(restoreOffsetPlus(v)) ?? 0).toISOString())
  .meta({ format: 'date-time', example: '2018-01-01T00:15:00Z' });

/** A calendar date `YYYY-MM-DD`. */
export const isoDateSchema = z
  .string()
  .refine(isIsoDate, { error: 'must be a valid calendar date YYYY-MM-DD, from 1970-01-01 to 9999-12-30' })
  .meta({ format: 'date', example: '2018-03-31' });

const DATE_OR_TIME_ERROR =
  'must be a valid date YYYY-MM-DD (1970-01-01 to 9999-12-30) or ISO-8601 time (to 9999-12-31T00:00:00Z)';

/** A date `YYYY-MM-DD` (kept as a date) or an ISO-8601 time (canonicalised to UTC). */
export const dateOrTimeSchema = z
  .string()
  .refine((v) => isIsoDate(v) || parseIsoTime(v) !== undefined, {
    error: (issue) => timeError(issue.input, DATE_OR_TIME_ERROR),
  })
  .transform((v) => (isIsoDate(v) ? v : new Date(parseIsoTime(v) ?? 0).toISOString()))
  .meta({ example: '2018-03-31' });

/** {@link dateOrTimeSchema} for URL query parameters, reading a space before the offset as its `+`. */
export const queryDateOrTimeSchema = z
  .string()
  .refine((v) => isIsoDate(v) || parseIsoTime(restoreOffsetPlus(v)) !== undefined, { error: DATE_OR_TIME_ERROR })
  .transform((v) => (isIsoDate(v) ? v : new Date(parseIsoTime(restoreOffsetPlus(v)) ?? 0).toISOString()))
  .meta({ example: '2018-03-31' });

/** A money amount: a positive JSON number with at most 2 decimals. */
export const moneySchema = z
  .number()
  .positive()
  .max(1e13)
  .refine((v) => Math.round(v * 100) / 100 === v, { error: 'must have at most 2 decimals' })
  .meta({ example: 12500.5 });

/** An ISO 4217 currency code. */
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as USD')
  .meta({ example: 'USD' });

/** A sha256 digest as 64 lowercase hex characters. */
export const sha256HexSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters (sha256)')
  .meta({ example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' });

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_TAB_AND_NEWLINE = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/**
 * Free text as the chaincode takes it: trimmed, `min`-`max` characters, no control characters
 * (with `lines`, tabs and line breaks are allowed).
 */
export function textSchema(min: number, max: number, options: Readonly<{ lines?: boolean }> = {}) {
  const forbidden = options.lines === true ? CONTROL_BUT_TAB_AND_NEWLINE : CONTROL;
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((v) => !forbidden.test(v), { error: 'must not contain control characters' });
}

/** Largest quantity of a contract line, a shipment or a receipt (the chaincode's limit). */
export const MAX_QTY = 1_000_000_000;

/** A non-negative integer count. */
export const countSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** A Fabric identity ID as the chaincode reports it: `x509::<subject>::<issuer>`. */
export const identityIdSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((v) => !CONTROL.test(v), { error: 'must not contain control characters' })
  .meta({ example: 'x509::CN=User1@factory.scc.example,OU=client,...::CN=ca.factory.scc.example,...' });
