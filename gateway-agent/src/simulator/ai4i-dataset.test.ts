import { join } from 'node:path';
import { ai4iFaultCode, readAi4i } from './ai4i-dataset';

const file = join(__dirname, '..', '..', '..', 'data', 'ai4i2020', 'ai4i2020.csv');

describe('readAi4i', () => {
  it('reads the first rows past the byte order mark', () => {
    const [first, second] = readAi4i(file, 1, 2);
    expect(first).toEqual({
      row: 1,
      udi: 1,
      productId: 'M14860',
      type: 'M',
      airTemperatureK: 298.1,
      processTemperatureK: 308.6,
      rotationalSpeedRpm: 1551,
      torqueNm: 42.8,
      toolWearMin: 0,
      machineFailure: false,
      twf: false,
      hdf: false,
      pwf: false,
      osf: false,
      rnf: false,
    });
    expect(second?.udi).toBe(2);
  });

  it('reads all 10,000 cycles with the 339 machine failures SOURCE.md states', () => {
    const rows = readAi4i(file);
    expect(rows).toHaveLength(10_000);
    expect(rows.filter((r) => r.machineFailure)).toHaveLength(339);
    expect(rows.filter((r) => ai4iFaultCode(r) !== 0)).toHaveLength(339);
    expect(readAi4i(file, 9999)).toHaveLength(2);
  });

  it('codes failure modes as bits, and a failure without a mode as 32', () => {
    const rows = readAi4i(file);
    const base = rows[0]!;
    expect(ai4iFaultCode(base)).toBe(0);
    expect(ai4iFaultCode({ ...base, machineFailure: true, hdf: true, osf: true })).toBe(2 | 8);
    expect(ai4iFaultCode({ ...base, machineFailure: true })).toBe(32);
    expect(ai4iFaultCode({ ...base, machineFailure: false, rnf: true })).toBe(0);
    expect(rows.filter((r) => r.machineFailure && ai4iFaultCode(r) === 32)).toHaveLength(9);
  });
});
