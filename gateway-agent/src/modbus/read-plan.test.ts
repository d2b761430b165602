import { RegisterConfig } from '../config/agent-config';
import { planReads } from './read-plan';

const reg = (
  name: string,
  table: RegisterConfig['table'],
  address: number,
  type: RegisterConfig['type'],
): RegisterConfig => ({
  name,
  table,
  address,
  type,
  byteOrder: 'big',
  wordOrder: type === 'int32' || type === 'uint32' || type === 'float32' || type === 'float64' ? 'big' : undefined,
  scale: 1,
  offset: 0,
  role: 'measurement',
});

describe('planReads', () => {
  it('merges adjacent values of one table and keeps tables apart', () => {
    const blocks = planReads(
      [
        reg('energy', 'holding', 4, 'float64'),
        reg('good', 'holding', 0, 'uint32'),
        reg('rejects', 'holding', 2, 'uint32'),
        reg('run', 'coil', 0, 'bool'),
        reg('temp', 'input', 0, 'int16'),
      ],
      0,
    );
    expect(blocks).toEqual([
      {
        table: 'holding',
        address: 0,
        count: 8,
        values: [
          { name: 'good', offset: 0, count: 2 },
          { name: 'rejects', offset: 2, count: 2 },
          { name: 'energy', offset: 4, count: 4 },
        ],
      },
      { table: 'coil', address: 0, count: 1, values: [{ name: 'run', offset: 0, count: 1 }] },
      { table: 'input', address: 0, count: 1, values: [{ name: 'temp', offset: 0, count: 1 }] },
    ]);
  });

  it('bridges gaps up to maxGap registers only', () => {
    const regs = [reg('a', 'holding', 0, 'uint16'), reg('b', 'holding', 3, 'uint16')];
    expect(planReads(regs, 1)).toHaveLength(2);
    expect(planReads(regs, 2)).toEqual([
      {
        table: 'holding',
        address: 0,
        count: 4,
        values: [
          { name: 'a', offset: 0, count: 1 },
          { name: 'b', offset: 3, count: 1 },
        ],
      },
    ]);
  });

  it('splits at 125 registers per request', () => {
    const regs = [
      reg('a', 'holding', 0, 'uint16'),
      reg('b', 'holding', 124, 'uint16'),
      reg('c', 'holding', 125, 'uint16'),
    ];
    expect(planReads(regs, 200).map((b) => [b.address, b.count])).toEqual([
      [0, 125],
      [125, 1],
    ]);
  });

  it('reads overlapping values once', () => {
    const regs = [reg('whole', 'holding', 0, 'uint32'), reg('low', 'holding', 1, 'uint16')];
    expect(planReads(regs, 0)).toEqual([
      {
        table: 'holding',
        address: 0,
        count: 2,
        values: [
          { name: 'whole', offset: 0, count: 2 },
          { name: 'low', offset: 1, count: 1 },
        ],
      },
    ]);
  });
});
