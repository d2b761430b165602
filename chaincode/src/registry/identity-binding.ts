import type { Context } from 'fabric-contract-api';
import { compositeKey, getObject } from '../ledger/store';

/** Composite key type of identity bindings: `identity(identityId)`. */
export const IDENTITY_KEY = 'identity';

/** A client identity (X.509 subject + issuer) bound to the one enterprise it acts for. */
export interface IdentityBinding {
  identityId: string;
  enterpriseId: string;
  mspId: string;
  boundAt: string;
  boundBy: string;
}

/** The ledger key of an identity's binding. */
export function identityKey(ctx: Context, identityId: string): string {
  return compositeKey(ctx, IDENTITY_KEY, [identityId]);
}

/** The binding of an identity, or undefined when it is not bound. */
export function findBinding(ctx: Context, identityId: string): Promise<IdentityBinding | undefined> {
  return getObject<IdentityBinding>(ctx, identityKey(ctx, identityId));
}
