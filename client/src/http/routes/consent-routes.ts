import { z } from 'zod';
import { consentGrantSchema, consentRequestSchema } from '../../domain/consent';
import type { Services } from '../../services/services';
import { defineRoute, type Resource } from '../route';
import { consentParams, idParams } from './params';

/** An SME's consents letting banks read its data and finance its receivables. */
export function consentRoutes(services: Services): Resource {
  return {
    tag: 'consents',
    description: 'Grants by an SME to a bank, by scope, until an expiry; revocable.',
    routes: [
      defineRoute({
        method: 'post',
        path: '/enterprises/:id/consents',
        operationId: 'grantConsent',
        summary: 'Grant a bank access to the SME this API key acts for',
        params: idParams,
        body: consentRequestSchema,
        status: 201,
        kind: 'submitted',
        response: consentGrantSchema,
        errors: [404],
        location: (data) => {
          const g = data as { smeId: string; bankId: string };
          return `/api/v1/enterprises/${g.smeId}/consents/${g.bankId}`;
        },
        handle: ({ caller, params, body }) => services.consents.grant(caller, params.id, body),
      }),
      defineRoute({
        method: 'get',
        path: '/enterprises/:id/consents',
        operationId: 'listConsents',
        summary: 'List an SME’s consent grants',
        params: idParams,
        kind: 'data',
        response: z.array(consentGrantSchema),
        errors: [404],
        handle: ({ caller, params }) => services.consents.list(caller, params.id),
      }),
      defineRoute({
        method: 'get',
        path: '/enterprises/:id/consents/:bankId',
        operationId: 'getConsent',
        summary: 'Read the SME’s consent grant to one bank',
        params: consentParams,
        kind: 'data',
        response: consentGrantSchema,
        errors: [404],
        handle: ({ caller, params }) => services.consents.get(caller, params.id, params.bankId),
      }),
      defineRoute({
        method: 'delete',
        path: '/enterprises/:id/consents/:bankId',
        operationId: 'revokeConsent',
        summary: 'Revoke the SME’s consent grant to a bank',
        description: 'The grant stays on the ledger with `revokedAt`.',
        params: consentParams,
        kind: 'submitted',
        response: consentGrantSchema,
        errors: [404, 409],
        handle: ({ caller, params }) => services.consents.revoke(caller, params.id, params.bankId),
      }),
    ],
  };
}
