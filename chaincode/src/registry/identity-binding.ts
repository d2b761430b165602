import type { Context } from 'fabric-contract-api';
import { Object as DataType, Property } from 'fabric-contract-api';
import { compositeKey, getObject } from '../ledger/store';

/** Composite key type of identity bindings: `identity(identityId)`. */
export const IDENTITY_KEY = 'identity';

/** A client identity (X.509 subject + issuer) bound to the one enterprise it acts for. */
@DataType()
export class IdentityBinding {
  @Property('identityId', 'string')
  public identityId: string = '';

  @Property('enterpriseId', 'string')
  public enterpriseId: string = '';

  @Property('mspId', 'string')
  public mspId: string = '';

  @Property('boundAt', 'string')
  public boundAt: string = '';

  @Property('boundBy', 'string')
  public boundBy: string = '';
}

/** The ledger key of an identity's binding. */
export function identityKey(ctx: Context, identityId: string): string {
  return compositeKey(ctx, IDENTITY_KEY, [identityId]);
}

/** The binding of an identity, or undefined when it is not bound. */
export function findBinding(ctx: Context, identityId: string): Promise<IdentityBinding | undefined> {
  return getObject<IdentityBinding>(ctx, identityKey(ctx, identityId));
}
