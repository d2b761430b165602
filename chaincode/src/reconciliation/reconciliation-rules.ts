import { conflict, forbidden, invalidState } from '../errors';
import type { Period, Reconciliation, StatementLine } from './reconciliation';

/** A new OPEN reconciliation; the opener's enterprise must be one of the parties. */
export function openReconciliation(
  id: string,
  period: Period,
  parties: readonly string[],
  opener: Readonly<{ identityId: string; enterpriseId: string }>,
  now: string,
): Reconciliation {
  if (!parties.includes(opener.enterpriseId)) {
    throw forbidden(`the caller's enterprise ${opener.enterpriseId} must be one of the parties`);
  }
  return {
    id,
    period,
    parties: [...parties],
    openedBy: opener.identityId,
    openedAt: now,
    submitted: [],
    statements: {},
    status: 'OPEN',
  };
}

/**
 * Adds a party's statement: only a party, only once (`CONFLICT` on a second statement).
 * Returns the reconciliation and whether every party has now submitted.
 */
export function addStatement(
  rec: Reconciliation,
  party: string,
  lines: readonly StatementLine[],
): { reconciliation: Reconciliation; complete: boolean } {
  if (!rec.parties.includes(party)) {
    throw forbidden(`enterprise ${party} is not a party of reconciliation ${rec.id}`);
  }
  if (rec.submitted.includes(party)) {
    throw conflict(`enterprise ${party} has already submitted its statement to reconciliation ${rec.id}`);
  }
  if (rec.status !== 'OPEN') {
    throw invalidState(`reconciliation ${rec.id} is ${rec.status}`);
  }
  const submitted = [...rec.submitted, party];
  const reconciliation: Reconciliation = {
    ...rec,
    submitted,
    statements: { ...rec.statements, [party]: lines.map((l) => ({ ...l })) },
  };
  return { reconciliation, complete: rec.parties.every((p) => submitted.includes(p)) };
}

/**
 * What a reader sees: everything once COMPLETED; while OPEN, only the statement of `readerParty`
 * (if any), so that no party can shape its statement after another's.
 */
export function visibleTo(rec: Reconciliation, readerParty: string | undefined): Reconciliation {
  if (rec.status === 'COMPLETED') return rec;
  const own = readerParty === undefined ? undefined : rec.statements[readerParty];
  return { ...rec, statements: own === undefined || readerParty === undefined ? {} : { [readerParty]: own } };
}
