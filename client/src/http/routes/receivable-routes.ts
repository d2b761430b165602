import { z } from 'zod';
import {
  financingTermsSchema,
  receivableSchema,
  splitRequestSchema,
  transferRequestSchema,
} from '../../domain/receivable';
import type { Services } from '../../services/services';
import { defineRoute, type Resource } from '../route';
import { idParams } from './params';

/** Receivables: financing by one bank only, splitting and upstream transfer. */
export function receivableRoutes(services: Services): Resource {
  return {
    tag: 'receivables',
    description:
      'Financed once by a bank holding the holder’s consent (a second financing is 409 ALREADY_FINANCED); split and transferred by the holder. Settlement is per invoice: POST /invoices/{id}/settle.',
    routes: [
      defineRoute({
        method: 'get',
        path: '/receivables/:id',
        operationId: 'getReceivable',
        summary: 'Read a receivable or a part of one',
        params: idParams,
        kind: 'data',
        response: receivableSchema,
        errors: [404],
        handle: ({ caller, params }) => services.receivables.get(caller, params.id),
      }),
      defineRoute({
        method: 'post',
        path: '/receivables/:id/finance',
        operationId: 'financeReceivable',
        summary: 'Finance a receivable (bank)',
        params: idParams,
        body: financingTermsSchema,
        kind: 'submitted',
        response: receivableSchema,
        errors: [404, 409],
        handle: ({ caller, params, body }) => services.receivables.finance(caller, params.id, body),
      }),
      defineRoute({
        method: 'post',
        path: '/receivables/:id/split',
        operationId: 'splitReceivable',
        summary: 'Split a receivable into parts whose amounts sum to it (holder)',
        params: idParams,
        body: splitRequestSchema,
        status: 201,
        kind: 'submitted',
        response: z.array(receivableSchema),
        errors: [404, 409, 422],
        handle: ({ caller, params, body }) => services.receivables.split(caller, params.id, body.parts),
      }),
      defineRoute({
        method: 'post',
        path: '/receivables/:id/transfer',
        operationId: 'transferReceivable',
        summary: 'Transfer a receivable to another SME, such as one’s own supplier (holder)',
        params: idParams,
        body: transferRequestSchema,
        kind: 'submitted',
        response: receivableSchema,
        errors: [404, 409],
        handle: ({ caller, params, body }) => services.receivables.transfer(caller, params.id, body.toEnterpriseId),
      }),
    ],
  };
}
