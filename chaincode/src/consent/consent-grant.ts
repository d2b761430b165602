import type { Context } from 'fabric-contract-api';
import { compositeKey, getObject, listByPartialKey } from '../ledger/store';

/** What a consent grant lets a bank read or do. */
export const CONSENT_SCOPES = ['production', 'trade', 'profile', 'receivables'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/** Composite key type of consent grants: `consent(smeId, bankId)`. */
export const CONSENT_KEY = 'consent';

/** An SME's permission for one bank to read its data (or finance its receivables) until `expiresAt`. */
export interface ConsentGrant {
  smeId: string;
  bankId: string;
  scopes: ConsentScope[];
  expiresAt: string;
  grantedAt: string;
  revokedAt?: string;
}

/** The ledger key of the grant from an SME to a bank. */
export function consentKey(ctx: Context, smeId: string, bankId: string): string {
  return compositeKey(ctx, CONSENT_KEY, [smeId, bankId]);
}

/** The grant from an SME to a bank (live or not), or undefined. */
export function findConsent(ctx: Context, smeId: string, bankId: string): Promise<ConsentGrant | undefined> {
  return getObject<ConsentGrant>(ctx, consentKey(ctx, smeId, bankId));
}

/** Every grant an SME has made, live or not, ordered by bank id. */
export async function listConsents(ctx: Context, smeId: string): Promise<ConsentGrant[]> {
  const entries = await listByPartialKey<ConsentGrant>(ctx, CONSENT_KEY, [smeId]);
  return entries.map((e) => e.value);
}

/** Live = not revoked, not expired at `nowIso`, and covering the scope. */
export function isLive(grant: ConsentGrant, scope: ConsentScope, nowIso: string): boolean {
  return grant.revokedAt === undefined && grant.expiresAt > nowIso && grant.scopes.includes(scope);
}
