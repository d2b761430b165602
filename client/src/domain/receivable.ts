import { z } from 'zod';
import { identifierSchema, moneySchema } from './common';

/** A bank's financing terms. */
export const financingTermsSchema = z
  .strictObject({
    advanceAmount: moneySchema,
    ratePercent: z
      .number()
      .min(0)
      .max(100)
      .refine((v) => Math.round(v * 10_000) / 10_000 === v, { error: 'must have at most 4 decimals' }),
  })
  .meta({ id: 'FinancingTerms' });
export type FinancingTerms = z.output<typeof financingTermsSchema>;

/** How a receivable is split: two or more new parts whose amounts sum to the receivable's. */
export const splitRequestSchema = z
  .strictObject({
    parts: z
      .array(z.strictObject({ id: identifierSchema, amount: moneySchema }))
      .min(2)
      .max(100),
  })
  .meta({ id: 'SplitRequest' });
export type SplitPart = z.output<typeof splitRequestSchema>['parts'][number];

/** The SME a receivable is passed to. */
export const transferRequestSchema = z
  .strictObject({ toEnterpriseId: identifierSchema })
  .meta({ id: 'TransferRequest' });

/** A receivable (or a part of one) as recorded on the ledger. */
export const receivableSchema = z
  .looseObject({
    id: z.string(),
    invoiceId: z.string(),
    parentId: z.string().optional(),
    buyerId: z.string(),
    holderId: z.string(),
    amount: z.number(),
    currency: z.string(),
    dueDate: z.string(),
    status: z.enum(['ACKNOWLEDGED', 'FINANCED', 'SPLIT', 'SETTLED']),
    financedBy: z.string().optional(),
    financedAt: z.string().optional(),
  })
  .meta({ id: 'Receivable' });
export type Receivable = z.infer<typeof receivableSchema>;
