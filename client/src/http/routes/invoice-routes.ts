import { z } from 'zod';
import { invoiceIssueSchema, invoiceSchema, settlementSchema } from '../../domain/invoice';
import { receivableSchema } from '../../domain/receivable';
import type { Services } from '../../services/services';
import { defineRoute, type Resource } from '../route';
import { idParams } from './params';

/** Invoices: issued by the seller, acknowledged by the buyer, settled by payment. */
export function invoiceRoutes(services: Services): Resource {
  return {
    tag: 'invoices',
    description: 'A buyer-acknowledged invoice becomes a receivable backed by the buyer’s credit.',
    routes: [
      defineRoute({
        method: 'post',
        path: '/invoices',
        operationId: 'issueInvoice',
        summary: 'Issue an invoice against a contract (seller)',
        body: invoiceIssueSchema,
        status: 201,
        kind: 'submitted',
        response: invoiceSchema,
        errors: [404, 409, 422],
        location: (data) => `/api/v1/invoices/${(data as { id: string }).id}`,
        handle: ({ caller, body }) => services.invoices.issue(caller, body),
      }),
      defineRoute({
        method: 'post',
        path: '/invoices/:id/acknowledge',
        operationId: 'acknowledgeInvoice',
        summary: 'Acknowledge an invoice (buyer); creates the receivable with the invoice’s id',
        params: idParams,
        kind: 'submitted',
        response: invoiceSchema,
        errors: [404, 409],
        handle: ({ caller, params }) => services.invoices.acknowledge(caller, params.id),
      }),
      defineRoute({
        method: 'get',
        path: '/invoices/:id',
        operationId: 'getInvoice',
        summary: 'Read an invoice',
        params: idParams,
        kind: 'data',
        response: invoiceSchema,
        errors: [404],
        handle: ({ caller, params }) => services.invoices.get(caller, params.id),
      }),
      defineRoute({
        method: 'post',
        path: '/invoices/:id/settle',
        operationId: 'settleInvoice',
        summary: 'Settle an invoice (buyer): every open part of its receivable is paid to its holder or financier',
        params: idParams,
        body: settlementSchema,
        kind: 'submitted',
        response: invoiceSchema,
        errors: [404, 409],
        handle: ({ caller, params, body }) => services.invoices.settle(caller, params.id, body),
      }),
      defineRoute({
        method: 'get',
        path: '/invoices/:id/receivables',
        operationId: 'listReceivables',
        summary: 'Every part of the invoice’s receivable tree',
        params: idParams,
        kind: 'data',
        response: z.array(receivableSchema),
        errors: [404],
        handle: ({ caller, params }) => services.invoices.receivables(caller, params.id),
      }),
    ],
  };
}
