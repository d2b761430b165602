import type { Contract } from '@hyperledger/fabric-gateway';
import { submitAndCommit } from './ledger-bench';
import { periodRecord, type RecordInput } from './ledger-fixture';
import { nowMs, round, sleep } from './stats';

/** Periods `[first, first + count)` of one device, back to back from `originMs`. */
export type DeviceSeries = Readonly<{
  deviceId: string;
  originMs: number;
  periodSeconds: number;
  first: number;
  count: number;
}>;

/** How a load went. */
export type LoadResult = Readonly<{ records: number; transactions: number; seconds: number; recordsPerSecond: number }>;

/**
 * Writes each device's periods through `production:SubmitRecords` in batches, one batch in flight
 * per device (a device's batches touch the same per-day and span keys), all devices side by side.
 * A batch that fails to commit (e.g. a read conflict) is submitted again: identical records are no-ops.
 */
export async function loadRecords(
  contract: Contract,
  enterpriseId: string,
  series: readonly DeviceSeries[],
  batchSize: number,
): Promise<LoadResult> {
  const started = nowMs();
  let records = 0;
  let transactions = 0;
  await Promise.all(
    series.map(async (s) => {
      for (let i = 0; i < s.count; i += batchSize) {
        const n = Math.min(batchSize, s.count - i);
        const batch: RecordInput[] = Array.from({ length: n }, (_, k) =>
          periodRecord(enterpriseId, s.deviceId, s.originMs, s.periodSeconds, s.first + i + k),
        );
        const body = JSON.stringify(batch);
        for (let attempt = 1; ; attempt++) {
          const r = await submitAndCommit(contract, 'production:SubmitRecords', [body]);
          transactions += 1;
          if (r.ok) break;
          if (attempt >= 5) throw new Error(`batch of ${s.deviceId} failed ${attempt} times: ${r.code ?? ''}`);
          await sleep(200 * attempt);
        }
        records += n;
      }
    }),
  );
  const seconds = (nowMs() - started) / 1000;
  return { records, transactions, seconds: round(seconds, 1), recordsPerSecond: round(records / seconds, 1) };
}
