import type { HistorySource } from '../history/history-sources';
import { parseId } from '../validation/fields';
import { requireReadOfAny, requireReceivableRead } from './trade-access';
import { recordKey } from './trade-keys';
import { getContract, getDelivery, getInvoice, getReceivable } from './trade-store';

function idOf(parts: readonly string[]): string {
  return parseId(parts[0] ?? '', 'keyParts[0]');
}

/** `history:GetHistory` sources of the trade records, each keyed by its id, with the record's own read rule. */
export const tradeHistorySources: Readonly<Record<'contract' | 'delivery' | 'invoice' | 'receivable', HistorySource>> =
  {
    contract: {
      keyParts: ['id'],
      resolve: async (ctx, parts) => {
        const contract = await getContract(ctx, idOf(parts));
        await requireReadOfAny(ctx, [contract.sellerId, contract.buyerId], 'trade');
        return recordKey(ctx, 'contract', contract.id);
      },
    },
    delivery: {
      keyParts: ['id'],
      resolve: async (ctx, parts) => {
        const delivery = await getDelivery(ctx, idOf(parts));
        const contract = await getContract(ctx, delivery.contractId);
        await requireReadOfAny(ctx, [contract.sellerId, contract.buyerId], 'trade');
        return recordKey(ctx, 'delivery', delivery.id);
      },
    },
    invoice: {
      keyParts: ['id'],
      resolve: async (ctx, parts) => {
        const invoice = await getInvoice(ctx, idOf(parts));
        await requireReadOfAny(ctx, [invoice.sellerId, invoice.buyerId], 'trade');
        return recordKey(ctx, 'invoice', invoice.id);
      },
    },
    receivable: {
      keyParts: ['id'],
      resolve: async (ctx, parts) => {
        const part = await getReceivable(ctx, idOf(parts));
        const invoice = await getInvoice(ctx, part.invoiceId);
        await requireReceivableRead(ctx, [part.holderId, invoice.sellerId, part.buyerId], [part.financedBy]);
        return recordKey(ctx, 'receivable', part.id);
      },
    },
  };
