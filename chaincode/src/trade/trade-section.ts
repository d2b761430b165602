import type { Context } from 'fabric-contract-api';
import type { ProfileSection, SectionResult } from '../profile/profile-section';
import type { ProfileWindow } from '../profile/profile-window';
import { listReconciliationsOf } from '../reconciliation/reconciliation-store';
import type { Delivery } from './delivery';
import type { Invoice } from './invoice';
import type { TradeContract } from './trade-contract';
import { tradeFigures } from './trade-figures';
import { findContract, listContractIdsOf, listDeliveries, listHeldReceivables, listInvoices } from './trade-store';

/**
 * The trade section of the credit profile: reads the contracts the enterprise sells under (through
 * its party index), their deliveries and invoices, the receivable parts it holds and its
 * reconciliations, then computes `tradeFigures`.
 */
export const tradeSection: ProfileSection = {
  name: 'trade',
  async compute(ctx: Context, window: ProfileWindow): Promise<SectionResult> {
    const contracts: TradeContract[] = [];
    const deliveries = new Map<string, Delivery[]>();
    const invoices: Invoice[] = [];
    for (const id of await listContractIdsOf(ctx, window.enterpriseId)) {
      const contract = await findContract(ctx, id);
      if (contract?.sellerId !== window.enterpriseId) continue;
      contracts.push(contract);
      deliveries.set(id, await listDeliveries(ctx, id));
      invoices.push(...(await listInvoices(ctx, id)));
    }
    const receivables = await listHeldReceivables(ctx, window.enterpriseId);
    const reconciliations = await listReconciliationsOf(ctx, window.enterpriseId);
    return tradeFigures(window, { contracts, deliveries, invoices, receivables, reconciliations });
  },
};
