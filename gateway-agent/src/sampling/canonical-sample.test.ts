import { createHash } from 'node:crypto';
import { canonicalSample, samplesDigest } from './canonical-sample';

describe('canonical sample encoding', () => {
  it('writes a good poll with sorted keys, raw words and the poll time', () => {
    const line = canonicalSample({
      deviceId: 'press-1',
      t: Date.UTC(2024, 0, 1),
      words: { run: [1], good: [0, 12], Zeta: [65535] },
    });
    expect(line).toBe('{"d":"press-1","r":{"Zeta":[65535],"good":[0,12],"run":[1]},"t":"2024-01-01T00:00:00.000Z"}\n');
  });

  it('writes a failed poll with its code', () => {
    expect(canonicalSample({ deviceId: 'press-1', t: Date.UTC(2024, 0, 1, 0, 0, 1, 5), error: 'TIMEOUT' })).toBe(
      '{"d":"press-1","e":"TIMEOUT","t":"2024-01-01T00:00:01.005Z"}\n',
    );
  });

  it('refuses values that are not raw words', () => {
    expect(() => canonicalSample({ deviceId: 'x', t: 0, words: { a: [1.5] } })).toThrow('not a 16-bit word');
  });

  it('digests the concatenated lines with sha256', () => {
    const lines = [
      canonicalSample({ deviceId: 'm', t: 0, words: { a: [1] } }),
      canonicalSample({ deviceId: 'm', t: 1000, error: 'CONNECTION' }),
    ];
    const expected = createHash('sha256').update(lines.join('')).digest('hex');
    expect(samplesDigest(lines)).toBe(expected);
    expect(samplesDigest(lines)).toMatch(/^[0-9a-f]{64}$/);
    expect(samplesDigest([lines[1]!, lines[0]!])).not.toBe(expected);
  });
});
