/** How a counter moved between two samples. */
export type CounterStep = Readonly<{ delta: number; kind: 'steady' | 'increase' | 'wrap' | 'reset' }>;

/**
 * The increase of a counter between two raw readings.
 *
 * A reading below the previous one is a wrap-around when the counter has a modulus (uint16: 65536,
 * uint32: 2^32) and the wrapped increase `modulus - previous + current` is at most `maxStep`
 * (default: half the modulus); otherwise it is a device reset, and the counter is taken to have
 * counted `current` since restarting from zero. Whatever the device counted between the last
 * reading and a reset cannot be known and is not invented.
 */
export function counterDelta(
  previous: number,
  current: number,
  modulus: number | undefined,
  maxStep: number | undefined,
): CounterStep {
  if (current === previous) return { delta: 0, kind: 'steady' };
  if (current > previous) return { delta: current - previous, kind: 'increase' };
  if (modulus !== undefined) {
    const wrapped = modulus - previous + current;
    if (wrapped <= (maxStep ?? modulus / 2)) return { delta: wrapped, kind: 'wrap' };
  }
  return { delta: Math.max(current, 0), kind: 'reset' };
}
