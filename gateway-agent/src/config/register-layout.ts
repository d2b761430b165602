import { z } from 'zod';
import { DATA_TYPES, isBitTable, ORDERS, registerCount, TABLES } from '../decoding/data-type';

/** The fields that place a value in registers, shared by the agent's and the simulator's register maps. */
export const layoutFields = {
  table: z.enum(TABLES),
  address: z.int().min(0).max(65535),
  type: z.enum(DATA_TYPES),
  byteOrder: z.enum(ORDERS).optional(),
  wordOrder: z.enum(ORDERS).optional(),
  bit: z.int().min(0).max(15).optional(),
  scale: z
    .number()
    .refine((v) => v !== 0 && Number.isFinite(v), { error: 'must be a finite non-zero number' })
    .default(1),
  offset: z.number().default(0),
};

type Layout = Readonly<{
  table: (typeof TABLES)[number];
  address: number;
  type: (typeof DATA_TYPES)[number];
  byteOrder?: string | undefined;
  wordOrder?: string | undefined;
  bit?: number | undefined;
}>;

/**
 * Layout rules: multi-register types need an explicit byte order and word order (there is no safe
 * default between PLC makers); word order means nothing for one register; bit tables hold bools.
 */
export function checkLayout(r: Layout, issue: (field: string, message: string) => void): void {
  const words = registerCount(r.type);
  if (words > 1) {
    if (r.byteOrder === undefined) issue('byteOrder', `required for ${r.type} (a multi-register type): big or little`);
    if (r.wordOrder === undefined) issue('wordOrder', `required for ${r.type} (a multi-register type): big or little`);
  } else if (r.wordOrder !== undefined) {
    issue('wordOrder', `applies only to multi-register types, not ${r.type}`);
  }
  if (isBitTable(r.table)) {
    if (r.type !== 'bool') issue('type', `a ${r.table} holds one bit: use bool`);
    if (r.byteOrder !== undefined) issue('byteOrder', `does not apply to a ${r.table}`);
    if (r.bit !== undefined) issue('bit', `does not apply to a ${r.table}`);
  } else if (r.bit !== undefined && r.type !== 'bool') {
    issue('bit', 'applies only to bool values read from a register');
  }
  if (r.address + words - 1 > 65535) issue('address', `${r.type} at ${r.address} runs past register 65535`);
}
