import type { Context } from 'fabric-contract-api';
import { findCallerEnterprise, getCaller, requireCallerEnterprise } from '../access/caller';
import { requireReadAccess } from '../access/consent-check';
import type { ConsentScope } from '../consent/consent-grant';
import { ErrorCode, forbidden, isContractError, type ContractError } from '../errors';
import type { TradeActor } from './trade-party';

/** The caller as a trade actor: its identity and the enterprise it is bound to (`FORBIDDEN` when unbound). */
export async function requireActor(ctx: Context): Promise<TradeActor> {
  const enterprise = await requireCallerEnterprise(ctx);
  return { identityId: getCaller(ctx).identityId, enterpriseId: enterprise.id };
}

/**
 * Read rule for a record shared by several enterprises: an identity of any of their organisations,
 * or a BANK identity with a live consent covering `scope` from one of them. A bank without such a
 * grant gets `CONSENT_REQUIRED`; anyone else `FORBIDDEN`.
 */
export async function requireReadOfAny(
  ctx: Context,
  enterpriseIds: readonly string[],
  scope: ConsentScope,
): Promise<void> {
  let consentMissing: ContractError | undefined;
  for (const id of new Set(enterpriseIds)) {
    try {
      await requireReadAccess(ctx, id, scope);
      return;
    } catch (err) {
      if (isContractError(err, ErrorCode.CONSENT_REQUIRED)) {
        consentMissing ??= err;
      } else if (!isContractError(err, ErrorCode.FORBIDDEN) && !isContractError(err, ErrorCode.NOT_FOUND)) {
        throw err;
      }
    }
  }
  throw consentMissing ?? forbidden('the caller may not read this record');
}

/**
 * Read rule of receivables: the financier's identities, the organisations of the given parties
 * (holders, buyer, seller), and banks with a live `receivables` consent from one of those parties.
 */
export async function requireReceivableRead(
  ctx: Context,
  parties: readonly string[],
  financiers: readonly (string | undefined)[],
): Promise<void> {
  const caller = await findCallerEnterprise(ctx);
  if (caller !== undefined && financiers.includes(caller.id)) {
    return;
  }
  await requireReadOfAny(ctx, parties, 'receivables');
}
