import { Context, Info, Param, Returns, Transaction } from 'fabric-contract-api';
import { CodedContract } from '../coded-contract';
import { requireReadAccess } from '../access/consent-check';
import { invalidArgument } from '../errors';
import { canonicalJson, readPage, readRange } from '../ledger/store';
import { addDays, daysBetween, parseDate, parseTimestamp, utcDay } from '../ledger/time';
import { asArray, parseId, parseJson } from '../validation/fields';
import { parsePageArgs } from '../validation/paging';
import { DAILY_SUMMARY_KEY, type DailySummary } from './daily-summary';
import { queryEnterpriseRecords } from './enterprise-query';
import {
  getProductionRecord,
  PRODUCTION_KEY,
  type ProductionRecord,
  type ProductionRecordRef,
} from './production-record';
import { parseProductionInput } from './record-input';
import { writeRecords } from './record-writer';

/** Most records one batch may carry. */
export const MAX_BATCH = 500;
/** Most days `GetDailySummaries` covers. */
export const MAX_SUMMARY_DAYS = 366;

function parseTimeRange(from: string, to: string): { from: string; to: string } {
  const range = { from: parseTimestamp(from, 'from'), to: parseTimestamp(to, 'to') };
  if (range.to <= range.from) {
    throw invalidArgument('to', 'must be after from');
  }
  return range;
}

/** Production evidence: period records written by each device's gateway, and their per-day sums. */
@Info({ title: 'Production', description: 'Period records of factory devices and their daily sums' })
export class ProductionContract extends CodedContract {
  constructor() {
    super('production');
  }

  /** Writes a batch of 1–500 records of one enterprise, all or nothing; identical re-submissions are no-ops. */
  @Transaction()
  @Param('recordsJson', 'string', 'JSON array of ProductionRecord inputs')
  @Returns('string')
  public async SubmitRecords(ctx: Context, recordsJson: string): Promise<string> {
    const raw = asArray(parseJson(recordsJson, 'recordsJson'), 'recordsJson');
    if (raw.length === 0 || raw.length > MAX_BATCH) {
      throw invalidArgument('recordsJson', `must hold 1 to ${MAX_BATCH} records`);
    }
    const inputs = raw.map((value, i) => parseProductionInput(value, `records[${i}]`));
    return canonicalJson(await writeRecords(ctx, inputs));
  }

  /** Writes one record; same rules and result as SubmitRecords. */
  @Transaction()
  @Param('recordJson', 'string', 'one ProductionRecord input')
  @Returns('string')
  public async SubmitRecord(ctx: Context, recordJson: string): Promise<string> {
    const input = parseProductionInput(parseJson(recordJson, 'recordJson'), 'recordJson');
    return canonicalJson(await writeRecords(ctx, [input]));
  }

  /** One record by its address. */
  @Transaction(false)
  @Param('enterpriseId', 'string', 'owning enterprise')
  @Param('deviceId', 'string', 'device')
  @Param('periodStart', 'string', 'ISO-8601 start of the period')
  @Returns('string')
  public async GetRecord(ctx: Context, enterpriseId: string, deviceId: string, periodStart: string): Promise<string> {
    const ref: ProductionRecordRef = {
      enterpriseId: parseId(enterpriseId, 'enterpriseId'),
      deviceId: parseId(deviceId, 'deviceId'),
      periodStart: parseTimestamp(periodStart, 'periodStart'),
    };
    await requireReadAccess(ctx, ref.enterpriseId, 'production');
    return canonicalJson(await getProductionRecord(ctx, ref));
  }

  /** A page of one device's records with `periodStart` in `[from, to)`, ascending. */
  @Transaction(false)
  @Param('enterpriseId', 'string', 'owning enterprise')
  @Param('deviceId', 'string', 'device')
  @Param('from', 'string', 'ISO-8601, inclusive')
  @Param('to', 'string', 'ISO-8601, exclusive')
  @Param('pageSize', 'string', '1-1000, "" for 100')
  @Param('bookmark', 'string', '"" for the first page')
  @Returns('string')
  public async QueryByDevice(
    ctx: Context,
    enterpriseId: string,
    deviceId: string,
    from: string,
    to: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    parseId(enterpriseId, 'enterpriseId');
    parseId(deviceId, 'deviceId');
    const range = parseTimeRange(from, to);
    const paging = parsePageArgs(pageSize, bookmark);
    await requireReadAccess(ctx, enterpriseId, 'production');
    const page = await readPage<ProductionRecord>(ctx, PRODUCTION_KEY, [enterpriseId, deviceId], {
      ...paging,
      fromParts: [utcDay(range.from), range.from],
      toParts: [utcDay(range.to), range.to],
    });
    return canonicalJson({ ...page, records: page.records.map((e) => e.value) });
  }

  /**
   * A page of an enterprise's records across devices with `periodStart` in `[from, to)`, ordered by the
   * UTC day of periodStart, then device, then periodStart.
   */
  @Transaction(false)
  @Param('enterpriseId', 'string', 'owning enterprise')
  @Param('from', 'string', 'ISO-8601, inclusive')
  @Param('to', 'string', 'ISO-8601, exclusive')
  @Param('pageSize', 'string', '1-1000, "" for 100')
  @Param('bookmark', 'string', '"" for the first page')
  @Returns('string')
  public async QueryByEnterprise(
    ctx: Context,
    enterpriseId: string,
    from: string,
    to: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    parseId(enterpriseId, 'enterpriseId');
    const range = parseTimeRange(from, to);
    const paging = parsePageArgs(pageSize, bookmark);
    await requireReadAccess(ctx, enterpriseId, 'production');
    return canonicalJson(await queryEnterpriseRecords(ctx, enterpriseId, range, paging));
  }

  /** Per-device per-day sums for the days `fromDay`..`toDay` (inclusive, at most 366), by day then device. */
  @Transaction(false)
  @Param('enterpriseId', 'string', 'owning enterprise')
  @Param('fromDay', 'string', 'YYYY-MM-DD, inclusive')
  @Param('toDay', 'string', 'YYYY-MM-DD, inclusive')
  @Returns('string')
  public async GetDailySummaries(ctx: Context, enterpriseId: string, fromDay: string, toDay: string): Promise<string> {
    parseId(enterpriseId, 'enterpriseId');
    const first = parseDate(fromDay, 'fromDay');
    const last = parseDate(toDay, 'toDay');
    const span = daysBetween(first, last) + 1;
    if (span < 1 || span > MAX_SUMMARY_DAYS) {
      throw invalidArgument('toDay', `must be 0 to ${MAX_SUMMARY_DAYS - 1} days after fromDay`);
    }
    await requireReadAccess(ctx, enterpriseId, 'production');
    const entries = await readRange<DailySummary>(ctx, DAILY_SUMMARY_KEY, [enterpriseId], {
      fromParts: [first],
      toParts: [addDays(last, 1)],
    });
    return canonicalJson(entries.map((e) => e.value));
  }
}
