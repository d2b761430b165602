import { z } from 'zod';
import { identifierSchema, identityIdSchema, textSchema } from './common';

/** Roles an enterprise plays: the factory (SME), its buyer (CORE) or a financier (BANK). */
export const enterpriseRoleSchema = z.enum(['SME', 'CORE', 'BANK']);
export type EnterpriseRole = z.infer<typeof enterpriseRoleSchema>;

/** What a caller sends to register its own enterprise; the MSP ID is the caller's. */
export const enterpriseRegistrationSchema = z
  .strictObject({
    id: identifierSchema,
    name: textSchema(1, 200),
    role: enterpriseRoleSchema,
  })
  .meta({ id: 'EnterpriseRegistration' });
export type EnterpriseRegistration = z.infer<typeof enterpriseRegistrationSchema>;

/** An enterprise as recorded on the ledger. */
export const enterpriseSchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    role: enterpriseRoleSchema,
    mspId: z.string(),
    registeredAt: z.string(),
    registeredBy: z.string(),
  })
  .meta({ id: 'Enterprise' });
export type Enterprise = z.infer<typeof enterpriseSchema>;

/** What a caller sends to bind another identity of its organisation to its enterprise. */
export const identityBindingRequestSchema = z
  .strictObject({ identityId: identityIdSchema })
  .meta({ id: 'IdentityBindingRequest' });

/** An identity bound to an enterprise. */
export const identityBindingSchema = z
  .looseObject({
    identityId: z.string(),
    enterpriseId: z.string(),
    mspId: z.string(),
    boundAt: z.string(),
    boundBy: z.string(),
  })
  .meta({ id: 'IdentityBinding' });
export type IdentityBinding = z.infer<typeof identityBindingSchema>;

/** The ledger's view of the calling identity. */
export const whoAmISchema = z
  .looseObject({
    identityId: z.string(),
    mspId: z.string(),
    enterpriseId: z.string().optional(),
  })
  .meta({ id: 'LedgerIdentity' });
export type WhoAmI = z.infer<typeof whoAmISchema>;
