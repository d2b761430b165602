import type { Context } from 'fabric-contract-api';
import { forbidden, invalidArgument } from '../errors';
import { findEnterprise, type Enterprise } from '../registry/enterprise';
import { findBinding } from '../registry/identity-binding';

/** The submitting client: its identity ID (`x509::<subject>::<issuer>`) and MSP ID. */
export interface Caller {
  readonly identityId: string;
  readonly mspId: string;
}

/** The subject and issuer distinguished names of an identity ID. */
export interface IdentityParts {
  readonly subject: string;
  readonly issuer: string;
}

/** The caller's identity ID and MSP ID, as fabric-shim reports them. */
export function getCaller(ctx: Context): Caller {
  return { identityId: ctx.clientIdentity.getID(), mspId: ctx.clientIdentity.getMSPID() };
}

/** Splits `x509::<subject>::<issuer>`; `INVALID_ARGUMENT` on `field` for anything else. */
export function parseIdentityId(identityId: string, field: string): IdentityParts {
  const parts = identityId.split('::');
  const [scheme, subject, issuer] = parts;
  if (parts.length !== 3 || scheme !== 'x509' || !subject || !issuer || identityId.length > 1024) {
    throw invalidArgument(field, 'must be an identity ID of the form x509::<subject>::<issuer>');
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(identityId)) {
    throw invalidArgument(field, 'must not contain control characters');
  }
  return { subject, issuer };
}

/** The enterprise the caller's identity is bound to, or undefined when it is not bound. */
export async function findCallerEnterprise(ctx: Context): Promise<Enterprise | undefined> {
  const caller = getCaller(ctx);
  const binding = await findBinding(ctx, caller.identityId);
  if (!binding || binding.mspId !== caller.mspId) {
    return undefined;
  }
  return findEnterprise(ctx, binding.enterpriseId);
}

/** The enterprise the caller is bound to; `FORBIDDEN` when the caller is not bound to any. */
export async function requireCallerEnterprise(ctx: Context): Promise<Enterprise> {
  const enterprise = await findCallerEnterprise(ctx);
  if (!enterprise) {
    throw forbidden('the caller identity is not bound to any enterprise');
  }
  return enterprise;
}

/** The enterprise `enterpriseId`, when the caller is bound to it; `FORBIDDEN` otherwise. */
export async function requireBoundTo(ctx: Context, enterpriseId: string): Promise<Enterprise> {
  const enterprise = await findCallerEnterprise(ctx);
  if (enterprise?.id !== enterpriseId) {
    throw forbidden(`the caller identity is not bound to enterprise ${enterpriseId}`);
  }
  return enterprise;
}
