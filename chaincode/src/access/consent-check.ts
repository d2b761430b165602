import type { Context } from 'fabric-contract-api';
import { consentRequired, forbidden } from '../errors';
import { findConsent, isLive, type ConsentGrant, type ConsentScope } from '../consent/consent-grant';
import { txTimestamp } from '../ledger/clock';
import { getEnterprise, type Enterprise } from '../registry/enterprise';
import { findCallerEnterprise, getCaller } from './caller';

/** How a caller was allowed to read an enterprise's data. */
export interface ReadAccess {
  /** The enterprise whose data is read. */
  readonly owner: Enterprise;
  /** `OWN_ORG`: the caller belongs to the owner's organisation; `CONSENT`: a bank with a live grant. */
  readonly via: 'OWN_ORG' | 'CONSENT';
  /** The reading bank and its grant, when `via` is `CONSENT`. */
  readonly bank?: Enterprise;
  readonly grant?: ConsentGrant;
}

/**
 * The caller's bank enterprise, when it holds a live grant from `smeId` covering `scope`.
 * `FORBIDDEN` when the caller is not bound to a BANK; `CONSENT_REQUIRED` when no live grant covers the scope.
 */
export async function requireConsent(
  ctx: Context,
  smeId: string,
  scope: ConsentScope,
): Promise<{ bank: Enterprise; grant: ConsentGrant }> {
  const bank = await findCallerEnterprise(ctx);
  if (bank?.role !== 'BANK') {
    throw forbidden('the caller identity is not bound to a BANK enterprise');
  }
  const grant = await findConsent(ctx, smeId, bank.id);
  if (!grant || !isLive(grant, scope, txTimestamp(ctx))) {
    throw consentRequired(`bank ${bank.id} holds no live consent with scope ${scope} from enterprise ${smeId}`);
  }
  return { bank, grant };
}

/**
 * Read rule for an enterprise's data: any identity of the enterprise's own organisation (MSP), or a
 * BANK identity with a live consent covering `scope` (`CONSENT_REQUIRED` without one). Anyone else:
 * `FORBIDDEN`. `NOT_FOUND` when the enterprise is not registered.
 */
export async function requireReadAccess(ctx: Context, enterpriseId: string, scope: ConsentScope): Promise<ReadAccess> {
  const owner = await getEnterprise(ctx, enterpriseId);
  if (getCaller(ctx).mspId === owner.mspId) {
    return { owner, via: 'OWN_ORG' };
  }
  const callerEnterprise = await findCallerEnterprise(ctx);
  if (callerEnterprise?.role !== 'BANK') {
    throw forbidden(`the caller may not read the data of enterprise ${enterpriseId}`);
  }
  const { bank, grant } = await requireConsent(ctx, enterpriseId, scope);
  return { owner, via: 'CONSENT', bank, grant };
}
