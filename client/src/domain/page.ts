import { z } from 'zod';

/** Paging of list queries: `pageSize` 1–1000 (default 100) and the `bookmark` of the previous page. */
export const pageQuerySchema = z.strictObject({
  pageSize: z
    .string()
    .regex(/^\d{1,4}$/, 'must be an integer from 1 to 1000')
    .refine((v) => Number(v) >= 1 && Number(v) <= 1000, { error: 'must be an integer from 1 to 1000' })
    .transform(Number)
    .optional()
    .meta({ description: 'Records per page, 1-1000 (default 100).' }),
  bookmark: z
    .string()
    .max(4096)
    .optional()
    .meta({ description: 'The `bookmark` of the previous page; omit for the first page.' }),
});

/** A page request as the ledger takes it. */
export interface PageRequest {
  readonly pageSize?: number | undefined;
  readonly bookmark?: string | undefined;
}

/** One page of records as the ledger returns it; an empty bookmark means there is no further page. */
export interface Page<T> {
  readonly records: T[];
  readonly bookmark: string;
  readonly fetchedCount: number;
}

/** Schema of a ledger page of `record`. */
export function pageSchema<T extends z.ZodType>(record: T) {
  return z.looseObject({
    records: z.array(record),
    bookmark: z.string(),
    fetchedCount: z.number().int().nonnegative(),
  });
}
