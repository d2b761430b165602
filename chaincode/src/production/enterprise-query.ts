import type { Context } from 'fabric-contract-api';
import { invalidArgument } from '../errors';
import { compositeKey, readPage, splitKey, type Entry, type Page } from '../ledger/store';
import { addDays, toMillis, utcDay } from '../ledger/time';
import { DAILY_SUMMARY_KEY, type DailySummary } from './daily-summary';
import { PRODUCTION_KEY, type ProductionRecord } from './production-record';

/** Where a page starts: the key parts of the first record it returns. */
interface Position {
  readonly day: string;
  readonly deviceId: string;
  readonly periodStart: string;
}

const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A page of an enterprise's records with `periodStart` in `[range.from, range.to)`, ordered by the
 * UTC day of `periodStart`, then device, then `periodStart`. The per-(day, device) summaries name the
 * device-days holding records; each is read as one range of that device's record keys, so no index
 * key is written per record. The bookmark is the key of the next page's first record (empty on the
 * last page). Evaluate transactions only (paged reads).
 */
export async function queryEnterpriseRecords(
  ctx: Context,
  enterpriseId: string,
  range: Readonly<{ from: string; to: string }>,
  paging: Readonly<{ pageSize: number; bookmark: string }>,
): Promise<Page<ProductionRecord>> {
  const firstDay = utcDay(range.from);
  const lastDay = utcDay(toMillis(range.to) - 1);
  const position = paging.bookmark === '' ? undefined : parseBookmark(ctx, enterpriseId, paging.bookmark);
  const resume = position && position.day >= firstDay ? position : undefined;
  // One record more than the page holds tells whether there is a next page, and where it starts.
  const wanted = paging.pageSize + 1;
  const found: Entry<ProductionRecord>[] = [];
  let summaryBookmark = '';
  scan: do {
    const summaries = await readPage<DailySummary>(ctx, DAILY_SUMMARY_KEY, [enterpriseId], {
      pageSize: Math.min(1000, wanted - found.length),
      bookmark: summaryBookmark,
      fromParts: resume ? [resume.day, resume.deviceId] : [firstDay],
      toParts: [addDays(lastDay, 1)],
    });
    for (const { value: summary } of summaries.records) {
      const resumesHere = resume?.day === summary.day && resume.deviceId === summary.deviceId;
      const from = resumesHere && resume.periodStart > range.from ? resume.periodStart : range.from;
      let recordBookmark = '';
      do {
        const records = await readPage<ProductionRecord>(ctx, PRODUCTION_KEY, [enterpriseId, summary.deviceId], {
          pageSize: wanted - found.length,
          bookmark: recordBookmark,
          fromParts: [summary.day, from],
          toParts: [summary.day, range.to],
        });
        found.push(...records.records);
        if (found.length >= wanted) {
          break scan;
        }
        recordBookmark = records.bookmark;
      } while (recordBookmark !== '');
    }
    summaryBookmark = summaries.bookmark;
  } while (summaryBookmark !== '');

  const records = found.slice(0, paging.pageSize).map((e) => e.value);
  return { records, bookmark: found[paging.pageSize]?.key ?? '', fetchedCount: records.length };
}

/** The position a bookmark names: a record key of this enterprise (`INVALID_ARGUMENT` otherwise). */
function parseBookmark(ctx: Context, enterpriseId: string, bookmark: string): Position {
  const prefix = compositeKey(ctx, PRODUCTION_KEY, [enterpriseId]);
  if (!bookmark.startsWith(prefix)) {
    throw invalidArgument('bookmark', 'does not belong to this query');
  }
  const { parts } = splitKey(ctx, bookmark);
  const [owner, deviceId, day, periodStart] = parts;
  if (
    parts.length !== 4 ||
    owner !== enterpriseId ||
    deviceId === undefined ||
    periodStart === undefined ||
    !CANONICAL_TIME.test(periodStart) ||
    day !== periodStart.slice(0, 10)
  ) {
    throw invalidArgument('bookmark', 'does not belong to this query');
  }
  return { day, deviceId, periodStart };
}
