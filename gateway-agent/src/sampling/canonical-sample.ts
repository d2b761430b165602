import { createHash } from 'node:crypto';
import { Sample } from './sample';

/**
 * The canonical encoding of one sample: a JSON object on one line with its keys sorted by code
 * point and no white space, then a line feed.
 * - `d`: device id; `t`: agent time of the poll as `YYYY-MM-DDTHH:mm:ss.sssZ`
 * - a good poll has `r`: value name → array of raw 16-bit words as decimal integers (bits as 0/1)
 * - a failed poll has `e`: the failure code (`TIMEOUT`, `CONNECTION`, `ILLEGAL_DATA_ADDRESS`, ...)
 *
 * Example: `{"d":"press-1","r":{"good":[0,12],"run":[1]},"t":"2024-01-01T00:00:00.000Z"}`
 */
export function canonicalSample(sample: Sample): string {
  const t = JSON.stringify(new Date(sample.t).toISOString());
  const d = JSON.stringify(sample.deviceId);
  if (sample.words === undefined) {
    return `{"d":${d},"e":${JSON.stringify(sample.error ?? 'UNKNOWN')},"t":${t}}\n`;
  }
  const names = Object.keys(sample.words).sort(byCodePoint);
  const r = names.map((name) => `${JSON.stringify(name)}:[${(sample.words?.[name] ?? []).map(word).join(',')}]`);
  return `{"d":${d},"r":{${r.join(',')}},"t":${t}}\n`;
}

/** `samplesDigest`: lowercase hex sha256 over the canonical lines of a period's samples, in poll order. */
export function samplesDigest(lines: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line, 'utf8');
  return hash.digest('hex');
}

function word(value: number): string {
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
    throw new RangeError(`raw value ${value} is not a 16-bit word`);
  }
  return String(value);
}

function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
