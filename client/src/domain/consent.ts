import { z } from 'zod';
import { identifierSchema, isoTimeSchema } from './common';

/** What a bank may read or do with an SME's data. */
export const consentScopeSchema = z.enum(['production', 'trade', 'profile', 'receivables']);
export type ConsentScope = z.infer<typeof consentScopeSchema>;

/** What an SME sends to grant a bank access. */
export const consentRequestSchema = z
  .strictObject({
    bankId: identifierSchema,
    scopes: z
      .array(consentScopeSchema)
      .min(1)
      .refine((s) => new Set(s).size === s.length, { error: 'must not repeat a scope' }),
    expiresAt: isoTimeSchema,
  })
  .meta({ id: 'ConsentRequest' });
export type ConsentRequest = z.output<typeof consentRequestSchema>;

/** A consent grant as recorded on the ledger; live when not revoked and not expired. */
export const consentGrantSchema = z
  .looseObject({
    smeId: z.string(),
    bankId: z.string(),
    scopes: z.array(z.string()),
    expiresAt: z.string(),
    grantedAt: z.string(),
    revokedAt: z.string().optional(),
  })
  .meta({ id: 'ConsentGrant' });
export type ConsentGrant = z.infer<typeof consentGrantSchema>;
