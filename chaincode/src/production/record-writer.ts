import type { Context } from 'fabric-contract-api';
import { getCaller } from '../access/caller';
import { conflict, forbidden, invalidArgument } from '../errors';
import { txTimestamp } from '../ledger/clock';
import { canonicalJson, getObject, listByPartialKey, putObject } from '../ledger/store';
import { addDays, toMillis, utcDay } from '../ledger/time';
import { getDevice } from '../registry/device';
import { getEnterprise } from '../registry/enterprise';
import { addToSummary, dailySummaryKey, emptySummary, oversizedSum, type DailySummary } from './daily-summary';
import { deviceSpanKey, findDeviceSpan, type DeviceSpan } from './device-span';
import {
  inputOf,
  PRODUCTION_KEY,
  productionKey,
  type ProductionInput,
  type ProductionRecord,
  type ProductionRecordRef,
} from './production-record';

/** What a submit returns: how many records were new, how many were already there identically, and every key. */
export interface SubmitResult {
  written: number;
  unchanged: number;
  keys: ProductionRecordRef[];
}

interface Interval {
  readonly start: number;
  readonly end: number;
  readonly periodStart: string;
  readonly isNew: boolean;
}

/**
 * Writes a batch of validated records of one enterprise, all or nothing:
 * - the enterprise must exist and the caller must belong to its organisation (`FORBIDDEN`);
 * - every device must exist and name the caller as its gateway identity (`FORBIDDEN`);
 * - a record identical to the stored one is a no-op, a different one is `CONFLICT`;
 * - a new period overlapping another period of the device is `CONFLICT`;
 * - new records update the device's per-day summaries and reporting span in the same transaction.
 * Reads and writes touch only keys of the batch's own devices. Each new record is one written key.
 */
export async function writeRecords(ctx: Context, inputs: readonly ProductionInput[]): Promise<SubmitResult> {
  const first = inputs[0];
  if (!first) {
    throw invalidArgument('recordsJson', 'must hold at least one record');
  }
  const enterpriseId = first.enterpriseId;
  inputs.forEach((r, i) => {
    if (r.enterpriseId !== enterpriseId) {
      throw invalidArgument(`records[${i}].enterpriseId`, 'must be the same for every record of a batch');
    }
  });

  const caller = getCaller(ctx);
  const enterprise = await getEnterprise(ctx, enterpriseId);
  if (caller.mspId !== enterprise.mspId) {
    throw forbidden(`records of enterprise ${enterpriseId} are written by ${enterprise.mspId} identities only`);
  }
  const deviceIds = [...new Set(inputs.map((r) => r.deviceId))].sort();
  for (const deviceId of deviceIds) {
    const device = await getDevice(ctx, enterpriseId, deviceId);
    if (device.gatewayIdentity !== caller.identityId) {
      throw forbidden(`the caller identity is not the gateway of device ${enterpriseId}/${deviceId}`);
    }
  }

  // Every stored period of a device ends by its span's lastPeriodEnd, so a record starting at or after
  // it can neither equal nor overlap a stored one: records appended after the span need no reads of
  // stored records. For the others, one range read per device and UTC day they touch holds every
  // stored record that they could equal or overlap, so stored records are never read one key at a time.
  const spans = new Map<string, DeviceSpan | undefined>();
  const stored = new Map<string, Map<string, ProductionRecord>>();
  for (const deviceId of deviceIds) {
    const span = await findDeviceSpan(ctx, enterpriseId, deviceId);
    spans.set(deviceId, span);
    const lastPeriodEnd = span?.lastPeriodEnd ?? '';
    stored.set(
      deviceId,
      await readDeviceDays(
        ctx,
        enterpriseId,
        deviceId,
        inputs.filter((r) => r.deviceId === deviceId && r.periodStart < lastPeriodEnd),
      ),
    );
  }

  // Idempotency: compare with what is stored under each key (and with earlier records of this batch).
  const fresh = new Map<string, ProductionInput>();
  const batchIndex = new Map<ProductionInput, number>();
  let unchanged = 0;
  for (const [i, input] of inputs.entries()) {
    const key = productionKey(ctx, enterpriseId, input.deviceId, input.periodStart);
    const pending = fresh.get(key);
    if (pending) {
      if (canonicalJson(pending) !== canonicalJson(input)) {
        throw conflict(`records[${i}] differs from an earlier record of the batch for the same device and periodStart`);
      }
      unchanged += 1;
      continue;
    }
    const record = stored.get(input.deviceId)?.get(key);
    if (record) {
      if (canonicalJson(inputOf(record)) !== canonicalJson(input)) {
        throw conflict(
          `records[${i}] differs from the stored record ${enterpriseId}/${input.deviceId}/${input.periodStart}`,
        );
      }
      unchanged += 1;
      continue;
    }
    fresh.set(key, input);
    batchIndex.set(input, i);
  }

  const newRecords = [...fresh.values()];
  for (const deviceId of deviceIds) {
    checkNoOverlap(
      enterpriseId,
      deviceId,
      stored.get(deviceId)?.values() ?? [],
      newRecords.filter((r) => r.deviceId === deviceId),
    );
  }

  // Per-day sums first: a record that would make a sum inexact refuses the batch before any write.
  const summaries = new Map<string, DailySummary>();
  for (const input of newRecords) {
    const day = utcDay(input.periodStart);
    const summaryKey = dailySummaryKey(ctx, enterpriseId, day, input.deviceId);
    const summary =
      summaries.get(summaryKey) ??
      (await getObject<DailySummary>(ctx, summaryKey)) ??
      emptySummary(enterpriseId, day, input.deviceId);
    const added = addToSummary(summary, input);
    const oversized = oversizedSum(added);
    if (oversized !== undefined) {
      throw invalidArgument(
        `records[${batchIndex.get(input) ?? 0}].${oversized}`,
        `takes the ${day} sum of device ${enterpriseId}/${input.deviceId} above ${Number.MAX_SAFE_INTEGER}`,
      );
    }
    summaries.set(summaryKey, added);
  }

  const now = txTimestamp(ctx);
  const txId = ctx.stub.getTxID();
  for (const input of newRecords) {
    const record: ProductionRecord = { ...input, recordedAt: now, txId };
    await putObject(ctx, productionKey(ctx, enterpriseId, input.deviceId, input.periodStart), record);
  }
  for (const [key, summary] of summaries) {
    await putObject(ctx, key, summary);
  }
  for (const deviceId of deviceIds) {
    await updateSpan(
      ctx,
      enterpriseId,
      deviceId,
      spans.get(deviceId),
      newRecords.filter((r) => r.deviceId === deviceId),
    );
  }

  return {
    written: newRecords.length,
    unchanged,
    keys: inputs.map((r) => ({ enterpriseId, deviceId: r.deviceId, periodStart: r.periodStart })),
  };
}

/**
 * The stored records of a device on every UTC day that the given records touch (none when no record
 * is given). A period lasts at most a day, so any stored period equal to or overlapping a given one
 * starts between the day before its start day and its end day: only those days of this device are read.
 */
async function readDeviceDays(
  ctx: Context,
  enterpriseId: string,
  deviceId: string,
  records: readonly ProductionInput[],
): Promise<Map<string, ProductionRecord>> {
  const days = new Set<string>();
  for (const r of records) {
    const lastDay = utcDay(toMillis(r.periodEnd) - 1);
    for (let day = addDays(utcDay(r.periodStart), -1); day <= lastDay; day = addDays(day, 1)) {
      days.add(day);
    }
  }
  const stored = new Map<string, ProductionRecord>();
  for (const day of [...days].sort()) {
    for (const { key, value } of await listByPartialKey<ProductionRecord>(ctx, PRODUCTION_KEY, [
      enterpriseId,
      deviceId,
      day,
    ])) {
      stored.set(key, value);
    }
  }
  return stored;
}

/** Refuses new periods that overlap each other or a stored period of the device. */
function checkNoOverlap(
  enterpriseId: string,
  deviceId: string,
  stored: Iterable<ProductionRecord>,
  newRecords: readonly ProductionInput[],
): void {
  if (newRecords.length === 0) {
    return;
  }
  const intervals: Interval[] = [];
  for (const value of stored) {
    intervals.push({
      start: toMillis(value.periodStart),
      end: toMillis(value.periodEnd),
      periodStart: value.periodStart,
      isNew: false,
    });
  }
  for (const r of newRecords) {
    intervals.push({
      start: toMillis(r.periodStart),
      end: toMillis(r.periodEnd),
      periodStart: r.periodStart,
      isNew: true,
    });
  }
  intervals.sort((a, b) => a.start - b.start || a.end - b.end);
  for (let i = 1; i < intervals.length; i += 1) {
    const a = intervals[i - 1];
    const b = intervals[i];
    if (a && b && a.end > b.start && (a.isNew || b.isNew)) {
      const [newer, other] = b.isNew ? [b, a] : [a, b];
      throw conflict(
        `the period starting ${newer.periodStart} of device ${enterpriseId}/${deviceId} overlaps the ${
          other.isNew ? 'batch' : 'stored'
        } period starting ${other.periodStart}`,
      );
    }
  }
}

async function updateSpan(
  ctx: Context,
  enterpriseId: string,
  deviceId: string,
  stored: DeviceSpan | undefined,
  newRecords: readonly ProductionInput[],
): Promise<void> {
  if (newRecords.length === 0) {
    return;
  }
  const span: DeviceSpan = stored
    ? { ...stored }
    : {
        enterpriseId,
        deviceId,
        firstPeriodStart: '',
        lastPeriodEnd: '',
        records: 0,
      };
  for (const r of newRecords) {
    if (span.firstPeriodStart === '' || r.periodStart < span.firstPeriodStart) {
      span.firstPeriodStart = r.periodStart;
    }
    if (r.periodEnd > span.lastPeriodEnd) {
      span.lastPeriodEnd = r.periodEnd;
    }
  }
  span.records += newRecords.length;
  await putObject(ctx, deviceSpanKey(ctx, enterpriseId, deviceId), span);
}
