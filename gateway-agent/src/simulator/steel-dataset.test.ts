import { join } from 'node:path';
import { intervalEnd, kwhToWh, readSteel } from './steel-dataset';

const file = join(__dirname, '..', '..', '..', 'data', 'steel_industry_energy', 'Steel_industry_data.csv');

describe('steel plant metering', () => {
  it('reads a midnight stamp as the end of its day', () => {
    expect(new Date(intervalEnd('01/01/2018 00:15')).toISOString()).toBe('2018-01-01T00:15:00.000Z');
    expect(new Date(intervalEnd('01/01/2018 00:00')).toISOString()).toBe('2018-01-02T00:00:00.000Z');
    expect(new Date(intervalEnd('31/12/2018 00:00')).toISOString()).toBe('2019-01-01T00:00:00.000Z');
    expect(() => intervalEnd('2018-01-01 00:15')).toThrow('is not dd/mm/yyyy HH:MM');
  });

  it('turns kWh with up to three decimals into exact watt-hours', () => {
    expect([kwhToWh('3.17'), kwhToWh('4'), kwhToWh('157.18'), kwhToWh('0.1')]).toEqual([3170, 4000, 157180, 100]);
    expect(() => kwhToWh('-1')).toThrow();
  });

  it('reads the year as 35,040 contiguous quarter hours', () => {
    const rows = readSteel(file);
    expect(rows).toHaveLength(35_040);
    expect(rows[0]).toMatchObject({ row: 1, energyWh: 3170, load: 'Light_Load', weekend: false });
    expect(rows.every((r, i) => i === 0 || r.end - rows[i - 1]!.end === 900_000)).toBe(true);
    expect(rows.filter((r) => r.load === 'Light_Load')).toHaveLength(18_072);
    expect(rows.filter((r) => r.load === 'Maximum_Load')).toHaveLength(7_272);
  });

  it('reads a stretch by first row and count', () => {
    const rows = readSteel(file, 96, 2);
    expect(rows.map((r) => [r.row, new Date(r.end).toISOString()])).toEqual([
      [96, '2018-01-02T00:00:00.000Z'],
      [97, '2018-01-02T00:15:00.000Z'],
    ]);
  });
});
