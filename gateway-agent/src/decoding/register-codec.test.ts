import { DataType, ORDERS, registerCount } from './data-type';
import { decodeRegisters, encodeRegisters, RegisterLayout, scaleValue, unscaleValue } from './register-codec';

const bigBig: RegisterLayout = { type: 'int32', byteOrder: 'big', wordOrder: 'big' };

describe('register codec', () => {
  it('reads int32 0x12345678 from [0x1234, 0x5678] in big word order', () => {
    expect(decodeRegisters([0x1234, 0x5678], bigBig)).toBe(0x12345678);
    expect(encodeRegisters(0x12345678, bigBig)).toEqual([0x1234, 0x5678]);
  });

  it('reads int32 0x12345678 from [0x5678, 0x1234] in little word order', () => {
    const layout: RegisterLayout = { type: 'int32', byteOrder: 'big', wordOrder: 'little' };
    expect(decodeRegisters([0x5678, 0x1234], layout)).toBe(0x12345678);
    expect(encodeRegisters(0x12345678, layout)).toEqual([0x5678, 0x1234]);
  });

  it('swaps the bytes inside each register in little byte order', () => {
    expect(encodeRegisters(0x12345678, { type: 'uint32', byteOrder: 'little', wordOrder: 'big' })).toEqual([
      0x3412, 0x7856,
    ]);
    expect(encodeRegisters(0x12345678, { type: 'uint32', byteOrder: 'little', wordOrder: 'little' })).toEqual([
      0x7856, 0x3412,
    ]);
    expect(decodeRegisters([0x3412], { type: 'uint16', byteOrder: 'little', wordOrder: 'big' })).toBe(0x1234);
  });

  it('reads float32 12.34 from [0x4145, 0x70A4] in big word order', () => {
    const layout: RegisterLayout = { type: 'float32', byteOrder: 'big', wordOrder: 'big' };
    expect(encodeRegisters(12.34, layout)).toEqual([0x4145, 0x70a4]);
    expect(decodeRegisters([0x4145, 0x70a4], layout)).toBeCloseTo(12.34, 5);
    expect(decodeRegisters([0x70a4, 0x4145], { ...layout, wordOrder: 'little' })).toBeCloseTo(12.34, 5);
  });

  it('reads float64 with the most significant register first in big word order', () => {
    const layout: RegisterLayout = { type: 'float64', byteOrder: 'big', wordOrder: 'big' };
    // 1.0 is 0x3FF0000000000000
    expect(encodeRegisters(1, layout)).toEqual([0x3ff0, 0, 0, 0]);
    expect(encodeRegisters(1, { ...layout, wordOrder: 'little' })).toEqual([0, 0, 0, 0x3ff0]);
    expect(encodeRegisters(1, { ...layout, byteOrder: 'little', wordOrder: 'little' })).toEqual([0, 0, 0, 0xf03f]);
  });

  it('reads signed 16-bit values in two’s complement', () => {
    expect(decodeRegisters([0xffff], { type: 'int16', byteOrder: 'big', wordOrder: 'big' })).toBe(-1);
    expect(decodeRegisters([0xffff], { type: 'uint16', byteOrder: 'big', wordOrder: 'big' })).toBe(65535);
    expect(decodeRegisters([0x8000, 0], bigBig)).toBe(-0x80000000);
  });

  it('reads bool as non-zero, or as one bit of a register', () => {
    const layout: RegisterLayout = { type: 'bool', byteOrder: 'big', wordOrder: 'big' };
    expect(decodeRegisters([0], layout)).toBe(0);
    expect(decodeRegisters([7], layout)).toBe(1);
    expect(decodeRegisters([0b100], { ...layout, bit: 2 })).toBe(1);
    expect(decodeRegisters([0b011], { ...layout, bit: 2 })).toBe(0);
    expect(encodeRegisters(1, { ...layout, bit: 3 })).toEqual([0b1000]);
  });

  const samples: Record<DataType, number[]> = {
    bool: [0, 1],
    int16: [-32768, -1, 0, 1234, 32767],
    uint16: [0, 1, 0x1234, 0xffff],
    int32: [-0x80000000, -123456789, 0, 0x12345678, 0x7fffffff],
    uint32: [0, 1, 0x12345678, 0xdeadbeef, 0xffffffff],
    float32: [0, -1.5, 12.375, 3.4028234663852886e38, 1.1754943508222875e-38],
    float64: [0, -1.5, 12.34, Math.PI, Number.MAX_VALUE, Number.MIN_VALUE],
  };

  for (const type of Object.keys(samples) as DataType[]) {
    for (const byteOrder of ORDERS) {
      for (const wordOrder of ORDERS) {
        it(`encodes then decodes ${type} with ${byteOrder} bytes and ${wordOrder} words`, () => {
          const layout: RegisterLayout = { type, byteOrder, wordOrder };
          for (const value of samples[type]) {
            const words = encodeRegisters(value, layout);
            expect(words).toHaveLength(registerCount(type));
            expect(decodeRegisters(words, layout)).toBe(value);
          }
        });
      }
    }
  }

  it('encodes float32 12.34 back to the nearest single-precision value', () => {
    const layout: RegisterLayout = { type: 'float32', byteOrder: 'little', wordOrder: 'little' };
    expect(decodeRegisters(encodeRegisters(12.34, layout), layout)).toBe(Math.fround(12.34));
  });

  it('refuses the wrong number of registers and values that are not 16-bit words', () => {
    expect(() => decodeRegisters([1], bigBig)).toThrow('int32 needs 2 registers, got 1');
    expect(() => decodeRegisters([0x10000, 0], bigBig)).toThrow('not a 16-bit word');
  });

  it('applies scale and offset, and inverts them', () => {
    expect(scaleValue(2981, 0.1, 0)).toBeCloseTo(298.1, 10);
    expect(scaleValue(100, 2, -10)).toBe(190);
    expect(unscaleValue(298.1, 0.1, 0, 'uint16')).toBe(2981);
    expect(unscaleValue(190, 2, -10, 'int32')).toBe(100);
    expect(unscaleValue(1.25, 0.5, 0, 'float32')).toBe(2.5);
  });
});
