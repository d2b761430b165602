import { counterDelta } from './counter-delta';

describe('counterDelta', () => {
  it('counts an increase', () => {
    expect(counterDelta(10, 15, 0x10000, undefined)).toEqual({ delta: 5, kind: 'increase' });
    expect(counterDelta(10, 10, 0x10000, undefined)).toEqual({ delta: 0, kind: 'steady' });
  });

  it('counts across a 16-bit wrap', () => {
    expect(counterDelta(65530, 4, 0x10000, undefined)).toEqual({ delta: 10, kind: 'wrap' });
    expect(counterDelta(65535, 0, 0x10000, undefined)).toEqual({ delta: 1, kind: 'wrap' });
  });

  it('counts across a 32-bit wrap', () => {
    expect(counterDelta(0xfffffffe, 3, 0x100000000, undefined)).toEqual({ delta: 5, kind: 'wrap' });
  });

  it('takes a drop too large for a wrap as a device reset and counts from zero', () => {
    expect(counterDelta(1000, 3, 0x10000, undefined)).toEqual({ delta: 3, kind: 'reset' });
    expect(counterDelta(0x12345678, 0, 0x100000000, undefined)).toEqual({ delta: 0, kind: 'reset' });
  });

  it('uses maxStep to tell a wrap from a reset', () => {
    expect(counterDelta(60000, 100, 0x10000, 1000)).toEqual({ delta: 100, kind: 'reset' });
    expect(counterDelta(60000, 100, 0x10000, 6000)).toEqual({ delta: 5636, kind: 'wrap' });
  });

  it('takes any drop of a meter without a modulus as a reset', () => {
    expect(counterDelta(1500.5, 2.25, undefined, undefined)).toEqual({ delta: 2.25, kind: 'reset' });
  });
});
