import { z } from 'zod';
import { whoAmISchema } from '../../domain/enterprise';
import type { Services } from '../../services/services';
import { defineRoute, type Resource } from '../route';

const callerProfileSchema = z
  .object({
    keyName: z.string(),
    enterpriseId: z.string(),
    mspId: z.string(),
    ledger: whoAmISchema,
  })
  .meta({ id: 'CallerProfile' });

/** The caller: which enterprise its API key acts for and how the ledger sees its identity. */
export function callerRoutes(services: Services): Resource {
  return {
    tag: 'caller',
    description: 'The API key in use and its Fabric identity.',
    routes: [
      defineRoute({
        method: 'get',
        path: '/me',
        operationId: 'getCaller',
        summary: 'The API key’s enterprise and its identity as the ledger sees it',
        description: '`ledger.identityId` is what another enterprise needs to bind or to name as a device’s gateway.',
        kind: 'data',
        response: callerProfileSchema,
        handle: ({ caller }) => services.enterprises.whoAmI(caller),
      }),
    ],
  };
}
