import { RegisterConfig } from '../config/agent-config';
import { isBitTable, registerCount, Table } from '../decoding/data-type';

/** One Modbus request and the register values it carries. */
export type ReadBlock = Readonly<{
  table: Table;
  address: number;
  count: number;
  values: readonly Readonly<{ name: string; offset: number; count: number }>[];
}>;

/** Largest read the Modbus specification allows: 125 registers or 2000 bits per request. */
export const MAX_REGISTERS_PER_READ = 125;
export const MAX_BITS_PER_READ = 2000;

/**
 * Groups a device's values into as few requests as possible: values of one table whose addresses are
 * adjacent (or at most `maxGap` apart) share a request. Values read in one request are a consistent
 * snapshot, so a device's counters, run state and clock belong next to each other.
 */
export function planReads(registers: readonly RegisterConfig[], maxGap: number): ReadBlock[] {
  const blocks: ReadBlock[] = [];
  const tables = [...new Set(registers.map((r) => r.table))];
  for (const table of tables) {
    const limit = isBitTable(table) ? MAX_BITS_PER_READ : MAX_REGISTERS_PER_READ;
    const sorted = registers
      .filter((r) => r.table === table)
      .map((r) => ({ name: r.name, address: r.address, count: isBitTable(table) ? 1 : registerCount(r.type) }))
      .sort((a, b) => a.address - b.address || a.name.localeCompare(b.name));
    let current:
      { address: number; end: number; values: { name: string; address: number; count: number }[] } | undefined;
    const flush = (): void => {
      if (!current) return;
      const start = current.address;
      blocks.push({
        table,
        address: start,
        count: current.end - start,
        values: current.values.map((v) => ({ name: v.name, offset: v.address - start, count: v.count })),
      });
    };
    for (const value of sorted) {
      const end = value.address + value.count;
      if (current && value.address <= current.end + maxGap && Math.max(end, current.end) - current.address <= limit) {
        current.end = Math.max(current.end, end);
        current.values.push(value);
      } else {
        flush();
        current = { address: value.address, end, values: [value] };
      }
    }
    flush();
  }
  return blocks;
}
