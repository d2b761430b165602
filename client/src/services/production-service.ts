import type { Caller } from '../auth/caller';
import type { DailySummary } from '../domain/daily-summary';
import type { Page, PageRequest } from '../domain/page';
import type { ProductionKey, ProductionRecord } from '../domain/production-record';
import type { LedgerDirectory, TimeRange } from '../ledger/ledger';

/** Which production records to read: a time range, optionally one device. */
export interface ProductionQuery extends TimeRange {
  readonly deviceId?: string | undefined;
}

/** Reads production records (the SME's own, or a bank's with consent). */
export class ProductionService {
  readonly #ledgers: LedgerDirectory;

  constructor(ledgers: LedgerDirectory) {
    this.#ledgers = ledgers;
  }

  query(
    caller: Caller,
    enterpriseId: string,
    query: ProductionQuery,
    page: PageRequest,
  ): Promise<Page<ProductionRecord>> {
    const ledger = this.#ledgers.forIdentity(caller.identity);
    const range = { from: query.from, to: query.to };
    return query.deviceId === undefined
      ? ledger.queryByEnterprise(enterpriseId, range, page)
      : ledger.queryByDevice(enterpriseId, query.deviceId, range, page);
  }

  /** Per-device per-day sums for the days `fromDay`..`toDay` (inclusive). */
  dailySummaries(caller: Caller, enterpriseId: string, fromDay: string, toDay: string): Promise<DailySummary[]> {
    return this.#ledgers.forIdentity(caller.identity).getDailySummaries(enterpriseId, fromDay, toDay);
  }

  get(caller: Caller, key: ProductionKey): Promise<ProductionRecord> {
    return this.#ledgers.forIdentity(caller.identity).getRecord(key);
  }
}
