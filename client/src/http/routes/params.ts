import { z } from 'zod';
import { identifierSchema } from '../../domain/common';

/** `/…/:id` where the id is a record id. */
export const idParams = z.strictObject({ id: identifierSchema });

/** `/enterprises/:id/…/:deviceId`. */
export const deviceParams = z.strictObject({ id: identifierSchema, deviceId: identifierSchema });

/** `/enterprises/:id/consents/:bankId`. */
export const consentParams = z.strictObject({ id: identifierSchema, bankId: identifierSchema });
