import type { HistorySource } from '../history/history-sources';
import { invalidState } from '../errors';
import { requireReadOfAny } from '../trade/trade-access';
import { parseId } from '../validation/fields';
import { getReconciliation, reconciliationKey } from './reconciliation-store';

/**
 * `history:GetHistory` source of reconciliations (key `[id]`), readable like the reconciliation once
 * it is COMPLETED. Its versions hold the submitted statements, which stay hidden from the other
 * parties while it is open, so its history is refused (`INVALID_STATE`) until then.
 */
export const reconciliationHistorySource: HistorySource = {
  keyParts: ['id'],
  resolve: async (ctx, parts) => {
    const rec = await getReconciliation(ctx, parseId(parts[0] ?? '', 'keyParts[0]'));
    await requireReadOfAny(ctx, rec.parties, 'trade');
    if (rec.status !== 'COMPLETED') {
      throw invalidState(`the history of reconciliation ${rec.id} can be read once it is COMPLETED`);
    }
    return reconciliationKey(ctx, rec.id);
  },
};
