import { reconciliationOpeningSchema, reconciliationSchema, statementSchema } from '../../domain/reconciliation';
import type { Services } from '../../services/services';
import { defineRoute, type Resource } from '../route';
import { idParams } from './params';

/** Reconciliations: each party's statement matched against the others' and against the ledger. */
export function reconciliationRoutes(services: Services): Resource {
  return {
    tag: 'reconciliations',
    description: 'When the last party submits, the ledger matches every line and reports mismatches and missing lines.',
    routes: [
      defineRoute({
        method: 'post',
        path: '/reconciliations',
        operationId: 'openReconciliation',
        summary: 'Open a reconciliation for a period (the caller must be a party)',
        body: reconciliationOpeningSchema,
        status: 201,
        kind: 'submitted',
        response: reconciliationSchema,
        errors: [404, 409],
        location: (data) => `/api/v1/reconciliations/${(data as { id: string }).id}`,
        handle: ({ caller, body }) => services.reconciliations.open(caller, body),
      }),
      defineRoute({
        method: 'post',
        path: '/reconciliations/:id/statements',
        operationId: 'submitStatement',
        summary: 'Submit the caller’s statement (once per party)',
        params: idParams,
        body: statementSchema,
        kind: 'submitted',
        response: reconciliationSchema,
        errors: [404, 409],
        handle: ({ caller, params, body }) => services.reconciliations.submitStatement(caller, params.id, body.lines),
      }),
      defineRoute({
        method: 'get',
        path: '/reconciliations/:id',
        operationId: 'getReconciliation',
        summary: 'Read a reconciliation and, once complete, its report',
        params: idParams,
        kind: 'data',
        response: reconciliationSchema,
        errors: [404],
        handle: ({ caller, params }) => services.reconciliations.get(caller, params.id),
      }),
    ],
  };
}
