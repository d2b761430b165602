import { z } from 'zod';
import { countSchema, identifierSchema, isoTimeSchema, sha256HexSchema } from './common';

/** The key of a production record. */
export const productionKeySchema = z
  .strictObject({
    enterpriseId: identifierSchema,
    deviceId: identifierSchema,
    periodStart: isoTimeSchema,
  })
  .meta({ id: 'ProductionKey' });
export type ProductionKey = z.output<typeof productionKeySchema>;

/** A production record as the gateway agent submits it. */
export const productionRecordInputSchema = z
  .strictObject({
    enterpriseId: identifierSchema,
    deviceId: identifierSchema,
    periodStart: isoTimeSchema,
    periodEnd: isoTimeSchema,
    unitsProduced: countSchema,
    unitsRejected: countSchema,
    runSeconds: countSchema,
    idleSeconds: countSchema,
    downSeconds: countSchema,
    faultCount: countSchema,
    energyWh: z.number().nonnegative().optional(),
    sampleCount: countSchema,
    samplesDigest: sha256HexSchema,
  })
  .meta({ id: 'ProductionRecordInput' });
export type ProductionRecordInput = z.output<typeof productionRecordInputSchema>;

/** A production record as stored on the ledger, with its transaction time and id. */
export const productionRecordSchema = z
  .looseObject({
    enterpriseId: z.string(),
    deviceId: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    unitsProduced: z.number(),
    unitsRejected: z.number(),
    runSeconds: z.number(),
    idleSeconds: z.number(),
    downSeconds: z.number(),
    faultCount: z.number(),
    energyWh: z.number().optional(),
    sampleCount: z.number(),
    samplesDigest: z.string(),
    recordedAt: z.string(),
    txId: z.string(),
  })
  .meta({ id: 'ProductionRecord' });
export type ProductionRecord = z.infer<typeof productionRecordSchema>;

/** Result of a production batch: how many records were new, how many identical ones were already there. */
export const submitRecordsResultSchema = z
  .looseObject({
    written: z.number().int(),
    unchanged: z.number().int(),
    keys: z.array(z.looseObject({ enterpriseId: z.string(), deviceId: z.string(), periodStart: z.string() })),
  })
  .meta({ id: 'SubmitRecordsResult' });
export type SubmitRecordsResult = z.infer<typeof submitRecordsResultSchema>;
