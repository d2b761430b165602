import { z } from 'zod';
import { identifierSchema, isoTimeSchema, textSchema } from './common';

/** A reconciliation opened for a period between two or more parties. */
export const reconciliationOpeningSchema = z
  .strictObject({
    id: identifierSchema,
    period: z
      .strictObject({ from: isoTimeSchema, to: isoTimeSchema })
      .refine((p) => p.from < p.to, { error: 'from must be before to', path: ['to'] }),
    parties: z
      .array(identifierSchema)
      .min(2)
      .max(20)
      .refine((p) => new Set(p).size === p.length, { error: 'must not repeat a party' }),
  })
  .meta({ id: 'ReconciliationOpening' });
export type ReconciliationOpening = z.output<typeof reconciliationOpeningSchema>;

/** One line of a party's statement. */
export const statementLineSchema = z.strictObject({
  ref: textSchema(1, 128),
  kind: z.enum(['DELIVERY', 'INVOICE', 'PAYMENT']),
  qty: z.number().int().nonnegative().max(1e12).optional(),
  amount: z
    .number()
    .nonnegative()
    .max(1e13)
    .refine((v) => Math.round(v * 100) / 100 === v, { error: 'must have at most 2 decimals' })
    .optional(),
});
export type StatementLine = z.output<typeof statementLineSchema>;

/** A party's statement for the period. */
export const statementSchema = z
  .strictObject({ lines: z.array(statementLineSchema).max(2000) })
  .meta({ id: 'Statement' });

/** A reconciliation as recorded on the ledger; `result` is present once every party has submitted. */
export const reconciliationSchema = z
  .looseObject({
    id: z.string(),
    period: z.looseObject({ from: z.string(), to: z.string() }),
    parties: z.array(z.string()),
    openedBy: z.string(),
    openedAt: z.string(),
    submitted: z.array(z.string()),
    status: z.enum(['OPEN', 'COMPLETED']),
    result: z
      .looseObject({
        matched: z.number(),
        mismatched: z.number(),
        missing: z.number(),
        lines: z.array(
          z.looseObject({
            ref: z.string(),
            kind: z.string(),
            status: z.enum(['MATCHED', 'MISMATCHED', 'MISSING']),
          }),
        ),
      })
      .optional(),
  })
  .meta({ id: 'Reconciliation' });
export type Reconciliation = z.infer<typeof reconciliationSchema>;
