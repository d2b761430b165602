import { z } from 'zod';
import {
  identifierSchema,
  isoDateSchema,
  isoTimeSchema,
  queryDateOrTimeSchema,
  queryTimeSchema,
} from '../../domain/common';
import { creditProfileSchema, type CreditWindowDays } from '../../domain/credit-profile';
import { dailySummarySchema } from '../../domain/daily-summary';
import { pageQuerySchema } from '../../domain/page';
import { productionRecordSchema } from '../../domain/production-record';
import { sampleVerificationRequestSchema, sampleVerificationSchema } from '../../domain/raw-sample';
import type { Services } from '../../services/services';
import { defineRoute, type Resource } from '../route';
import { idParams } from './params';

const productionQuerySchema = pageQuerySchema
  .extend({
    from: queryTimeSchema.meta({ description: 'Start of the range (periodStart >= from).' }),
    to: queryTimeSchema.meta({ description: 'End of the range (periodStart < to).' }),
    deviceId: identifierSchema.optional().meta({ description: 'Only this device.' }),
  })
  .refine((q) => q.from < q.to, { error: 'must be after from', path: ['to'] });

const WINDOWS = { '90d': '90', '180d': '180', '365d': '365' } as const satisfies Record<string, CreditWindowDays>;

const creditProfileQuerySchema = z.strictObject({
  window: z.enum(['90d', '180d', '365d']).default('90d').meta({ description: 'Window length (default 90d).' }),
  asOf: queryDateOrTimeSchema
    .optional()
    .meta({ description: 'End of the window (default now); the window is (asOf - window, asOf].' }),
});

const dailyQuerySchema = z
  .strictObject({
    fromDay: isoDateSchema.meta({ description: 'First UTC day, inclusive.' }),
    toDay: isoDateSchema.meta({ description: 'Last UTC day, inclusive (at most 366 days in all).' }),
  })
  .refine((q) => q.fromDay <= q.toDay, { error: 'must not be before fromDay', path: ['toDay'] });

const recordParams = z.strictObject({ id: identifierSchema, deviceId: identifierSchema, periodStart: isoTimeSchema });

/** Production evidence: records, the credit profile built on them, and raw-sample verification. */
export function productionRoutes(services: Services): Resource {
  return {
    tag: 'production',
    description:
      'Production records reported by the factory’s gateway agent. Readable by the SME and by banks holding its consent.',
    routes: [
      defineRoute({
        method: 'get',
        path: '/enterprises/:id/production',
        operationId: 'queryProduction',
        summary: 'Production records of an enterprise in a time range, paged',
        description:
          'Records with periodStart in [from, to). With `deviceId`: that device’s records, oldest first. Without: ' +
          'by UTC day of periodStart, then device id, then periodStart (a day’s records of one device together).',
        params: idParams,
        query: productionQuerySchema,
        kind: 'page',
        response: z.array(productionRecordSchema),
        errors: [404],
        handle: ({ caller, params, query }) =>
          services.production.query(
            caller,
            params.id,
            { from: query.from, to: query.to, deviceId: query.deviceId },
            { pageSize: query.pageSize, bookmark: query.bookmark },
          ),
      }),
      defineRoute({
        method: 'get',
        path: '/enterprises/:id/production/daily',
        operationId: 'getDailyProduction',
        summary: 'Production per device and UTC day, summed on the ledger as records arrive',
        params: idParams,
        query: dailyQuerySchema,
        kind: 'data',
        response: z.array(dailySummarySchema),
        errors: [404],
        handle: ({ caller, params, query }) =>
          services.production.dailySummaries(caller, params.id, query.fromDay, query.toDay),
      }),
      defineRoute({
        method: 'get',
        path: '/enterprises/:id/devices/:deviceId/production/:periodStart',
        operationId: 'getProductionRecord',
        summary: 'One production record by its key',
        params: recordParams,
        kind: 'data',
        response: productionRecordSchema,
        errors: [404],
        handle: ({ caller, params }) =>
          services.production.get(caller, {
            enterpriseId: params.id,
            deviceId: params.deviceId,
            periodStart: params.periodStart,
          }),
      }),
      defineRoute({
        method: 'get',
        path: '/enterprises/:id/credit-profile',
        operationId: 'getCreditProfile',
        summary: 'The SME’s explainable credit profile over a window',
        description: 'Banks need a live consent with scope `profile` (403 CONSENT_REQUIRED otherwise).',
        params: idParams,
        query: creditProfileQuerySchema,
        kind: 'data',
        response: creditProfileSchema,
        errors: [404],
        handle: ({ caller, params, query }) =>
          services.creditProfiles.get(caller, params.id, WINDOWS[query.window], query.asOf),
      }),
      defineRoute({
        method: 'post',
        path: '/production/verify',
        operationId: 'verifySamples',
        summary: 'Check a period’s raw samples against the digest on the ledger',
        description:
          'Recomputes the samples digest with the gateway agent’s canonical sample encoding and compares it, and ' +
          'the sample count, with the production record of the period. `matches: false` means the samples are ' +
          'not the ones the agent anchored.',
        body: sampleVerificationRequestSchema,
        kind: 'data',
        response: sampleVerificationSchema,
        errors: [404],
        handle: ({ caller, body }) => services.sampleVerification.verify(caller, body),
      }),
    ],
  };
}
