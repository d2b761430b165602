import { z } from 'zod';
import { deviceRegistrationSchema, deviceSchema } from '../../domain/device';
import { pageQuerySchema } from '../../domain/page';
import type { Services } from '../../services/services';
import { defineRoute, type Resource } from '../route';
import { deviceParams, idParams } from './params';

/** An enterprise's machines and the gateway identities allowed to report their production. */
export function deviceRoutes(services: Services): Resource {
  return {
    tag: 'devices',
    description: 'Machines whose production the gateway agent reports.',
    routes: [
      defineRoute({
        method: 'post',
        path: '/enterprises/:id/devices',
        operationId: 'registerDevice',
        summary: 'Register a device of the enterprise this API key acts for',
        params: idParams,
        body: deviceRegistrationSchema,
        status: 201,
        kind: 'submitted',
        response: deviceSchema,
        errors: [404, 409],
        location: (data) => {
          const d = data as { enterpriseId: string; id: string };
          return `/api/v1/enterprises/${d.enterpriseId}/devices/${d.id}`;
        },
        handle: ({ caller, params, body }) => services.devices.register(caller, params.id, body),
      }),
      defineRoute({
        method: 'get',
        path: '/enterprises/:id/devices',
        operationId: 'listDevices',
        summary: 'List an enterprise’s devices',
        params: idParams,
        query: pageQuerySchema,
        kind: 'page',
        response: z.array(deviceSchema),
        errors: [404],
        handle: ({ caller, params, query }) => services.devices.list(caller, params.id, query),
      }),
      defineRoute({
        method: 'get',
        path: '/enterprises/:id/devices/:deviceId',
        operationId: 'getDevice',
        summary: 'Read a device',
        params: deviceParams,
        kind: 'data',
        response: deviceSchema,
        errors: [404],
        handle: ({ caller, params }) => services.devices.get(caller, params.id, params.deviceId),
      }),
    ],
  };
}
