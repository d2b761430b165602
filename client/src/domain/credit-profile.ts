import { z } from 'zod';

/** The windows a credit profile is computed over, in days. */
export const creditWindowDays = ['90', '180', '365'] as const;
export type CreditWindowDays = (typeof creditWindowDays)[number];

/** An explainable credit profile: a score with each factor's contribution and the records behind it. */
export const creditProfileSchema = z
  .looseObject({
    enterpriseId: z.string(),
    windowDays: z.union([z.number(), z.string()]),
    from: z.string(),
    to: z.string(),
    score: z.number(),
    factors: z.array(
      z.looseObject({
        name: z.string(),
        value: z.unknown(),
        weight: z.number(),
        contribution: z.number(),
        basis: z.unknown(),
      }),
    ),
  })
  .meta({ id: 'CreditProfile' });
export type CreditProfile = z.infer<typeof creditProfileSchema>;
