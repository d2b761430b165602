import { z } from 'zod';
import { historyEntrySchema, recordTypeSchema } from '../../domain/history';
import type { Services } from '../../services/services';
import { recordKeyParts } from '../../services/record-key';
import { AppError } from '../../services/app-error';
import { defineRoute, type Resource } from '../route';

const historyParams = z.strictObject({
  type: recordTypeSchema,
  id: z
    .string()
    .min(1)
    .max(512)
    .meta({
      description:
        'The record id; for records with composite keys, the key parts joined by `~`: device `enterpriseId~deviceId`, ' +
        'production `enterpriseId~deviceId~periodStart`, consent `smeId~bankId`.',
    }),
});

/** The audit trail of any record. */
export function recordRoutes(services: Services): Resource {
  return {
    tag: 'records',
    description: 'Every write of a record, with the transaction that made it.',
    routes: [
      defineRoute({
        method: 'get',
        path: '/records/:type/:id/history',
        operationId: 'getRecordHistory',
        summary: 'The history of a record, oldest first, with transaction ids',
        params: historyParams,
        kind: 'data',
        response: z.array(historyEntrySchema),
        errors: [404],
        handle: ({ caller, params }) => {
          const parts = recordKeyParts(params.type, params.id);
          if (!parts.ok) throw AppError.invalid([{ field: 'id', in: 'path', message: parts.message }]);
          return services.history.get(caller, params.type, parts.keyParts);
        },
      }),
    ],
  };
}
