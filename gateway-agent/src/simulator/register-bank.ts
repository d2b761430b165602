import { isBitTable, Table } from '../decoding/data-type';
import { encodeRegisters, unscaleValue } from '../decoding/register-codec';
import { ModbusError } from '../modbus/modbus-error';
import { SimulatedRegister } from './simulator-config';

const RANGES: Partial<Record<string, [number, number]>> = {
  int16: [-0x8000, 0x7fff],
  int32: [-0x80000000, 0x7fffffff],
};
const MODULI: Partial<Record<string, number>> = { uint16: 0x10000, uint32: 0x100000000 };

/**
 * The four Modbus tables of one simulated unit. Signal values are written through the register map
 * (scale, offset, type, byte and word order); unsigned counters wrap like a PLC's, signed values are
 * clamped. Reading an address the map does not define answers ILLEGAL_DATA_ADDRESS.
 */
export class RegisterBank {
  readonly #registers: readonly SimulatedRegister[];
  readonly #tables: Record<Table, Map<number, number>> = {
    coil: new Map(),
    discrete: new Map(),
    holding: new Map(),
    input: new Map(),
  };

  constructor(registers: readonly SimulatedRegister[]) {
    this.#registers = registers;
  }

  /** Writes every mapped signal present in `values`. */
  write(values: Readonly<Record<string, number>>): void {
    for (const r of this.#registers) {
      const value = values[r.signal];
      if (value === undefined) continue;
      const table = this.#tables[r.table];
      if (isBitTable(r.table)) {
        table.set(r.address, value !== 0 ? 1 : 0);
        continue;
      }
      const words = encodeRegisters(toRaw(value, r), {
        type: r.type,
        byteOrder: r.byteOrder ?? 'big',
        wordOrder: r.wordOrder ?? 'big',
        ...(r.bit === undefined ? {} : { bit: r.bit }),
      });
      words.forEach((w, i) => table.set(r.address + i, w));
    }
  }

  /** Reads consecutive values of a table. */
  read(table: Table, address: number, count: number): number[] {
    const values: number[] = [];
    for (let a = address; a < address + count; a++) {
      const v = this.#tables[table].get(a);
      if (v === undefined) {
        throw new ModbusError('EXCEPTION', `${table} ${a} is not mapped`, { exceptionCode: 2 });
      }
      values.push(v);
    }
    return values;
  }
}

function toRaw(value: number, r: SimulatedRegister): number {
  if (r.type === 'bool') return value !== 0 ? 1 : 0;
  const raw = unscaleValue(value, r.scale, r.offset, r.type);
  const modulus = MODULI[r.type];
  if (modulus !== undefined) return ((raw % modulus) + modulus) % modulus;
  const range = RANGES[r.type];
  return range ? Math.min(range[1], Math.max(range[0], raw)) : raw;
}
