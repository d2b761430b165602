import { z } from 'zod';
import { sha256HexSchema } from '../../domain/common';
import {
  contractProposalSchema,
  documentVerificationSchema,
  reasonSchema,
  tradeContractSchema,
} from '../../domain/trade-contract';
import type { Services } from '../../services/services';
import { defineRoute, type Resource } from '../route';
import { idParams } from './params';

/** Purchase orders: proposed by one side, confirmed or rejected by the other, verifiable by document hash. */
export function contractRoutes(services: Services): Resource {
  return {
    tag: 'contracts',
    description: 'Purchase orders between a buyer and its supplier, each side confirming with its own identity.',
    routes: [
      defineRoute({
        method: 'post',
        path: '/contracts',
        operationId: 'proposeContract',
        summary: 'Propose a purchase order (the caller must be its buyer or its seller)',
        body: contractProposalSchema,
        status: 201,
        kind: 'submitted',
        response: tradeContractSchema,
        errors: [404, 409],
        location: (data) => `/api/v1/contracts/${(data as { id: string }).id}`,
        handle: ({ caller, body }) => services.contracts.propose(caller, body),
      }),
      defineRoute({
        method: 'get',
        path: '/contracts/verify',
        operationId: 'verifyDocument',
        summary: 'Whether a document hash belongs to a contract confirmed by both sides',
        query: z.strictObject({ documentHash: sha256HexSchema }),
        kind: 'data',
        response: documentVerificationSchema,
        handle: ({ caller, query }) => services.contracts.verifyDocument(caller, query.documentHash),
      }),
      defineRoute({
        method: 'get',
        path: '/contracts/:id',
        operationId: 'getContract',
        summary: 'Read a contract',
        params: idParams,
        kind: 'data',
        response: tradeContractSchema,
        errors: [404],
        handle: ({ caller, params }) => services.contracts.get(caller, params.id),
      }),
      defineRoute({
        method: 'post',
        path: '/contracts/:id/confirm',
        operationId: 'confirmContract',
        summary: 'Confirm a contract proposed by the other side',
        params: idParams,
        kind: 'submitted',
        response: tradeContractSchema,
        errors: [404, 409],
        handle: ({ caller, params }) => services.contracts.confirm(caller, params.id),
      }),
      defineRoute({
        method: 'post',
        path: '/contracts/:id/reject',
        operationId: 'rejectContract',
        summary: 'Reject a contract proposed by the other side',
        params: idParams,
        body: reasonSchema,
        kind: 'submitted',
        response: tradeContractSchema,
        errors: [404, 409],
        handle: ({ caller, params, body }) => services.contracts.reject(caller, params.id, body.reason),
      }),
      defineRoute({
        method: 'post',
        path: '/contracts/:id/cancel',
        operationId: 'cancelContract',
        summary: 'Request (first side) or complete (second side) the cancellation of a contract',
        params: idParams,
        body: reasonSchema,
        kind: 'submitted',
        response: tradeContractSchema,
        errors: [404, 409],
        handle: ({ caller, params, body }) => services.contracts.cancel(caller, params.id, body.reason),
      }),
    ],
  };
}
