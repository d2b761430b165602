import type { Context } from 'fabric-contract-api';
import { compositeKey, getObject, mustGetObject } from '../ledger/store';

/** Roles an enterprise plays on the network. */
export const ENTERPRISE_ROLES = ['SME', 'CORE', 'BANK'] as const;
export type EnterpriseRole = (typeof ENTERPRISE_ROLES)[number];

/** Composite key type of enterprises: `enterprise(id)`. */
export const ENTERPRISE_KEY = 'enterprise';

/** A registered organisation: a small factory (SME), a buyer (CORE) or a financier (BANK). */
export interface Enterprise {
  id: string;
  name: string;
  role: EnterpriseRole;
  mspId: string;
  registeredAt: string;
  registeredBy: string;
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
