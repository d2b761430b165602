import { z } from 'zod';

/** One device's production summed over one UTC day, as the ledger keeps it. */
export const dailySummarySchema = z
  .looseObject({
    enterpriseId: z.string(),
    day: z.string(),
    deviceId: z.string(),
    records: z.number(),
    periodSeconds: z.number(),
    unitsProduced: z.number(),
    unitsRejected: z.number(),
    runSeconds: z.number(),
    idleSeconds: z.number(),
    downSeconds: z.number(),
    faultCount: z.number(),
    energyWh: z.number(),
    sampleCount: z.number(),
    firstPeriodStart: z.string(),
    lastPeriodEnd: z.string(),
  })
  .meta({ id: 'DailySummary' });
export type DailySummary = z.infer<typeof dailySummarySchema>;
