import type { Context } from 'fabric-contract-api';
import { compositeKey, getObject, listByPartialKey, mustGetObject, putObject } from '../ledger/store';
import type { Reconciliation } from './reconciliation';

/** Composite key type of reconciliations: `reconciliation(id)` (the `recordType` of history). */
export const RECONCILIATION_KEY = 'reconciliation';
/** Composite key type of the party index: `reconciliation.party(enterpriseId, reconciliationId)`. */
export const RECONCILIATION_PARTY_KEY = 'reconciliation.party';

/** The ledger key of a reconciliation. */
export function reconciliationKey(ctx: Context, id: string): string {
  return compositeKey(ctx, RECONCILIATION_KEY, [id]);
}

/** The reconciliation; `NOT_FOUND` when absent. */
export function getReconciliation(ctx: Context, id: string): Promise<Reconciliation> {
  return mustGetObject<Reconciliation>(ctx, reconciliationKey(ctx, id), 'reconciliation', id);
}

/** The reconciliation, or undefined. */
export function findReconciliation(ctx: Context, id: string): Promise<Reconciliation | undefined> {
  return getObject<Reconciliation>(ctx, reconciliationKey(ctx, id));
}

/** Writes a reconciliation; a new one also goes into each party's index. */
export async function putReconciliation(ctx: Context, rec: Reconciliation, isNew = false): Promise<void> {
  await putObject(ctx, reconciliationKey(ctx, rec.id), rec);
  if (isNew) {
    for (const party of rec.parties) {
      await putObject(ctx, compositeKey(ctx, RECONCILIATION_PARTY_KEY, [party, rec.id]), { reconciliationId: rec.id });
    }
  }
}

/** Every reconciliation an enterprise is a party of, by id. */
export async function listReconciliationsOf(ctx: Context, enterpriseId: string): Promise<Reconciliation[]> {
  const entries = await listByPartialKey<{ reconciliationId: string }>(ctx, RECONCILIATION_PARTY_KEY, [enterpriseId]);
  const recs: Reconciliation[] = [];
  for (const e of entries) {
    recs.push(await getReconciliation(ctx, e.value.reconciliationId));
  }
  return recs;
}
