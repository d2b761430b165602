import { z } from 'zod';
import {
  enterpriseRegistrationSchema,
  enterpriseSchema,
  identityBindingRequestSchema,
  identityBindingSchema,
} from '../../domain/enterprise';
import { pageQuerySchema } from '../../domain/page';
import type { Services } from '../../services/services';
import { defineRoute, type Resource } from '../route';
import { idParams } from './params';

/** Enterprises: register the caller's own, bind further identities, read and list. */
export function enterpriseRoutes(services: Services): Resource {
  return {
    tag: 'enterprises',
    description: 'Factories (SME), buyers (CORE) and banks (BANK) registered on the ledger.',
    routes: [
      defineRoute({
        method: 'post',
        path: '/enterprises',
        operationId: 'registerEnterprise',
        summary: 'Register the enterprise this API key acts for',
        description:
          'The id must be the API key’s enterprise (403 otherwise); the MSP ID is the key’s identity’s. The identity is bound to the new enterprise.',
        body: enterpriseRegistrationSchema,
        status: 201,
        kind: 'submitted',
        response: enterpriseSchema,
        errors: [409],
        location: (data) => `/api/v1/enterprises/${(data as { id: string }).id}`,
        handle: ({ caller, body }) => services.enterprises.register(caller, body),
      }),
      defineRoute({
        method: 'get',
        path: '/enterprises',
        operationId: 'listEnterprises',
        summary: 'List registered enterprises',
        query: pageQuerySchema,
        kind: 'page',
        response: z.array(enterpriseSchema),
        handle: ({ caller, query }) => services.enterprises.list(caller, query),
      }),
      defineRoute({
        method: 'get',
        path: '/enterprises/:id',
        operationId: 'getEnterprise',
        summary: 'Read an enterprise',
        params: idParams,
        kind: 'data',
        response: enterpriseSchema,
        errors: [404],
        handle: ({ caller, params }) => services.enterprises.get(caller, params.id),
      }),
      defineRoute({
        method: 'post',
        path: '/enterprises/:id/identities',
        operationId: 'bindIdentity',
        summary: 'Bind another identity of this organisation to the enterprise',
        description: 'For example a gateway agent’s identity, or the identity of a second API instance.',
        params: idParams,
        body: identityBindingRequestSchema,
        status: 201,
        kind: 'submitted',
        response: identityBindingSchema,
        errors: [404, 409],
        handle: ({ caller, params, body }) => services.enterprises.bindIdentity(caller, params.id, body.identityId),
      }),
    ],
  };
}
