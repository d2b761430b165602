import { Context, Info, Param, Returns, Transaction } from 'fabric-contract-api';
import { CodedContract } from '../coded-contract';
import { findCallerEnterprise, getCaller, requireCallerEnterprise } from '../access/caller';
import { forbidden, invalidArgument, notFound } from '../errors';
import { txTimestamp } from '../ledger/clock';
import { canonicalJson, putObject } from '../ledger/store';
import { parseDateOrTimestamp, toMillis, fromMillis } from '../ledger/time';
import { getEnterprise, type Enterprise } from '../registry/enterprise';
import { asArray, parseId, parseJson } from '../validation/fields';
import {
  CONSENT_SCOPES,
  consentKey,
  findConsent,
  listConsents,
  type ConsentGrant,
  type ConsentScope,
} from './consent-grant';

async function requireSmeCaller(ctx: Context): Promise<Enterprise> {
  const sme = await requireCallerEnterprise(ctx);
  if (sme.role !== 'SME') {
    throw forbidden(`only an SME grants or revokes consent; enterprise ${sme.id} is ${sme.role}`);
  }
  return sme;
}

function parseScopes(scopesJson: string): ConsentScope[] {
  const raw = asArray(parseJson(scopesJson, 'scopesJson'), 'scopesJson');
  if (raw.length === 0) {
    throw invalidArgument('scopesJson', 'must name at least one scope');
  }
  const scopes = new Set<ConsentScope>();
  raw.forEach((scope, i) => {
    if (typeof scope !== 'string' || !(CONSENT_SCOPES as readonly string[]).includes(scope)) {
      throw invalidArgument(`scopesJson[${i}]`, `must be one of ${CONSENT_SCOPES.join(', ')}`);
    }
    if (scopes.has(scope as ConsentScope)) {
      throw invalidArgument(`scopesJson[${i}]`, 'is repeated');
    }
    scopes.add(scope as ConsentScope);
  });
  return CONSENT_SCOPES.filter((s) => scopes.has(s));
}

/**
 * Read rule of consent grants: the SME's own organisation sees all of them, a BANK identity sees the
 * grants made to its own enterprise. Returns the bank id the caller is limited to, if any.
 */
export async function requireConsentReader(ctx: Context, smeId: string): Promise<string | undefined> {
  const sme = await getEnterprise(ctx, smeId);
  if (getCaller(ctx).mspId === sme.mspId) {
    return undefined;
  }
  const caller = await findCallerEnterprise(ctx);
  if (caller?.role !== 'BANK') {
    throw forbidden(`the caller may not read the consent grants of enterprise ${smeId}`);
  }
  return caller.id;
}

/** An SME's grants of read access to banks. */
@Info({ title: 'Consent', description: 'SME consent grants that let a bank read its data' })
export class ConsentContract extends CodedContract {
  constructor() {
    super('consent');
  }

  /** Grants (or replaces the grant to) a bank the given scopes until `expiresAt`; the caller must be bound to an SME. */
  @Transaction()
  @Param('bankId', 'string', 'a registered BANK enterprise')
  @Param('scopesJson', 'string', 'non-empty subset of ["production","trade","profile","receivables"]')
  @Param('expiresAt', 'string', 'ISO-8601 time (or date) after the transaction time')
  @Returns('string')
  public async GrantConsent(ctx: Context, bankId: string, scopesJson: string, expiresAt: string): Promise<string> {
    parseId(bankId, 'bankId');
    const scopes = parseScopes(scopesJson);
    const expires = fromMillis(toMillis(parseDateOrTimestamp(expiresAt, 'expiresAt')));
    const sme = await requireSmeCaller(ctx);
    const bank = await getEnterprise(ctx, bankId);
    if (bank.role !== 'BANK') {
      throw invalidArgument('bankId', `must be a BANK enterprise; ${bankId} is ${bank.role}`);
    }
    const now = txTimestamp(ctx);
    if (expires <= now) {
      throw invalidArgument('expiresAt', 'must be after the transaction time');
    }
    const grant: ConsentGrant = { smeId: sme.id, bankId, scopes, expiresAt: expires, grantedAt: now };
    await putObject(ctx, consentKey(ctx, sme.id, bankId), grant);
    return canonicalJson(grant);
  }

  /** Revokes the caller's SME's grant to a bank; revoking a revoked grant changes nothing. */
  @Transaction()
  @Param('bankId', 'string', 'the bank whose grant is revoked')
  @Returns('string')
  public async RevokeConsent(ctx: Context, bankId: string): Promise<string> {
    parseId(bankId, 'bankId');
    const sme = await requireSmeCaller(ctx);
    const grant = await findConsent(ctx, sme.id, bankId);
    if (!grant) {
      throw notFound('consent', `${sme.id}/${bankId}`);
    }
    if (grant.revokedAt !== undefined) {
      return canonicalJson(grant);
    }
    const revoked: ConsentGrant = { ...grant, revokedAt: txTimestamp(ctx) };
    await putObject(ctx, consentKey(ctx, sme.id, bankId), revoked);
    return canonicalJson(revoked);
  }

  /** One grant; readable by the SME's organisation and by the bank it was granted to. */
  @Transaction(false)
  @Param('smeId', 'string', 'granting SME')
  @Param('bankId', 'string', 'receiving bank')
  @Returns('string')
  public async GetConsent(ctx: Context, smeId: string, bankId: string): Promise<string> {
    parseId(smeId, 'smeId');
    parseId(bankId, 'bankId');
    const onlyBank = await requireConsentReader(ctx, smeId);
    if (onlyBank !== undefined && onlyBank !== bankId) {
      throw forbidden(`bank ${onlyBank} may only read its own consent grants`);
    }
    const grant = await findConsent(ctx, smeId, bankId);
    if (!grant) {
      throw notFound('consent', `${smeId}/${bankId}`);
    }
    return canonicalJson(grant);
  }

  /** Every grant of an SME (a bank sees only its own), live or not, by bank id. */
  @Transaction(false)
  @Param('smeId', 'string', 'granting SME')
  @Returns('string')
  public async ListConsents(ctx: Context, smeId: string): Promise<string> {
    parseId(smeId, 'smeId');
    const onlyBank = await requireConsentReader(ctx, smeId);
    const grants = await listConsents(ctx, smeId);
    return canonicalJson(onlyBank === undefined ? grants : grants.filter((g) => g.bankId === onlyBank));
  }
}
