import type { Context } from 'fabric-contract-api';
import { Object as DataType, Property } from 'fabric-contract-api';
import { compositeKey, getObject, mustGetObject } from '../ledger/store';

/** Roles an enterprise plays on the network. */
export const ENTERPRISE_ROLES = ['SME', 'CORE', 'BANK'] as const;
export type EnterpriseRole = (typeof ENTERPRISE_ROLES)[number];

/** Composite key type of enterprises: `enterprise(id)`. */
export const ENTERPRISE_KEY = 'enterprise';

/** A registered organisation: a small factory (SME), a buyer (CORE) or a financier (BANK). */
@DataType()
export class Enterprise {
  @Property('id', 'string')
  public id: string = '';

  @Property('name', 'string')
  public name: string = '';

  @Property('role', 'string')
  public role: EnterpriseRole = 'SME';

  @Property('mspId', 'string')
  public mspId: string = '';

  @Property('registeredAt', 'string')
  public registeredAt: string = '';

  @Property('registeredBy', 'string')
  public registeredBy: string = '';
}

/** The ledger key of an enterprise. */
export function enterpriseKey(ctx: Context, id: string): string {
  return compositeKey(ctx, ENTERPRISE_KEY, [id]);
}

/** The enterprise with that id, or undefined. */
export function findEnterprise(ctx: Context, id: string): Promise<Enterprise | undefined> {
  return getObject<Enterprise>(ctx, enterpriseKey(ctx, id));
}

/** The enterprise with that id; `NOT_FOUND` when it is not registered. */
export function getEnterprise(ctx: Context, id: string): Promise<Enterprise> {
  return mustGetObject<Enterprise>(ctx, enterpriseKey(ctx, id), 'enterprise', id);
}
