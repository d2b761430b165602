/** Register value types the agent decodes. */
export const DATA_TYPES = ['bool', 'int16', 'uint16', 'int32', 'uint32', 'float32', 'float64'] as const;
export type DataType = (typeof DATA_TYPES)[number];

/** Order of the two bytes inside one 16-bit register, or of the registers inside a multi-register value. */
export const ORDERS = ['big', 'little'] as const;
export type Order = (typeof ORDERS)[number];

/** Modbus tables: coils and discrete inputs hold bits, holding and input registers hold 16-bit words. */
export const TABLES = ['coil', 'discrete', 'holding', 'input'] as const;
export type Table = (typeof TABLES)[number];

/** Number of 16-bit registers (or bits, for bool in a bit table) a value occupies. */
export function registerCount(type: DataType): number {
  switch (type) {
    case 'bool':
    case 'int16':
    case 'uint16':
      return 1;
    case 'int32':
    case 'uint32':
    case 'float32':
      return 2;
    case 'float64':
      return 4;
  }
}

/** True for tables that hold single bits. */
export function isBitTable(table: Table): boolean {
  return table === 'coil' || table === 'discrete';
}

/** The modulus at which a raw counter of this type wraps to zero, or undefined for floating-point types. */
export function counterModulus(type: DataType): number | undefined {
  switch (type) {
    case 'uint16':
      return 0x10000;
    case 'uint32':
      return 0x100000000;
    default:
      return undefined;
  }
}
