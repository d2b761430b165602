import { z } from 'zod';
import { identifierSchema, identityIdSchema, textSchema } from './common';

/** What an enterprise sends to register one of its machines. */
export const deviceRegistrationSchema = z
  .strictObject({
    id: identifierSchema,
    kind: textSchema(1, 100).meta({ example: 'cnc-mill' }),
    description: textSchema(0, 1000).default(''),
    gatewayIdentity: identityIdSchema.meta({
      description: 'Identity ID of the gateway agent allowed to write this device’s production records.',
    }),
  })
  .meta({ id: 'DeviceRegistration' });
export type DeviceRegistration = z.output<typeof deviceRegistrationSchema>;

/** A device as recorded on the ledger. */
export const deviceSchema = z
  .looseObject({
    id: z.string(),
    enterpriseId: z.string(),
    kind: z.string(),
    description: z.string(),
    gatewayIdentity: z.string(),
    registeredAt: z.string(),
  })
  .meta({ id: 'Device' });
export type Device = z.infer<typeof deviceSchema>;
