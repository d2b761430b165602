import { z } from 'zod';

/** Record types whose history the ledger keeps. */
export const recordTypeSchema = z.enum([
  'enterprise',
  'device',
  'production',
  'consent',
  'contract',
  'delivery',
  'invoice',
  'receivable',
  'reconciliation',
]);
export type RecordType = z.infer<typeof recordTypeSchema>;

/** One write of a record, oldest first, with the transaction that made it. */
export const historyEntrySchema = z
  .looseObject({
    txId: z.string(),
    timestamp: z.string(),
    isDelete: z.boolean(),
    value: z.unknown(),
  })
  .meta({ id: 'HistoryEntry' });
export type HistoryEntry = z.infer<typeof historyEntrySchema>;
