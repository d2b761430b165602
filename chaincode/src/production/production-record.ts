import type { Context } from 'fabric-contract-api';
import { compositeKey, getObject, mustGetObject } from '../ledger/store';
import { utcDay } from '../ledger/time';

/** Composite key type of production records: `production(enterpriseId, deviceId, day, periodStart)`. */
export const PRODUCTION_KEY = 'production';

/** What a gateway submits for one period of one device. */
export interface ProductionInput {
  enterpriseId: string;
  deviceId: string;
  periodStart: string;
  periodEnd: string;
  unitsProduced: number;
  unitsRejected: number;
  runSeconds: number;
  idleSeconds: number;
  downSeconds: number;
  faultCount: number;
  energyWh?: number;
  sampleCount: number;
  samplesDigest: string;
}

/** The address of a production record, as callers give it. */
export interface ProductionRecordRef {
  readonly enterpriseId: string;
  readonly deviceId: string;
  readonly periodStart: string;
}

/** One period of one device's output, as stored: the submitted figures plus when and in which transaction. */
export interface ProductionRecord extends ProductionInput {
  recordedAt: string;
  txId: string;
}

/**
 * The ledger key of a record. The UTC day of `periodStart` is part of the key so that a submit can
 * range-read one day of one device (for the overlap rule) without touching other devices' keys.
 * `periodStart` must be canonical.
 */
export function productionKey(ctx: Context, enterpriseId: string, deviceId: string, periodStart: string): string {
  return compositeKey(ctx, PRODUCTION_KEY, [enterpriseId, deviceId, utcDay(periodStart), periodStart]);
}

/** The record at a (canonical) address, or undefined. No access check: callers apply their own read rule. */
export function findProductionRecord(ctx: Context, ref: ProductionRecordRef): Promise<ProductionRecord | undefined> {
  return getObject<ProductionRecord>(ctx, productionKey(ctx, ref.enterpriseId, ref.deviceId, ref.periodStart));
}

/** The record at a (canonical) address; `NOT_FOUND` when absent. No access check. */
export function getProductionRecord(ctx: Context, ref: ProductionRecordRef): Promise<ProductionRecord> {
  return mustGetObject<ProductionRecord>(
    ctx,
    productionKey(ctx, ref.enterpriseId, ref.deviceId, ref.periodStart),
    'production record',
    `${ref.enterpriseId}/${ref.deviceId}/${ref.periodStart}`,
  );
}

/** The submitted figures of a record (without `recordedAt` and `txId`), for idempotency checks. */
export function inputOf(record: ProductionInput): ProductionInput {
  const input: ProductionInput = {
    enterpriseId: record.enterpriseId,
    deviceId: record.deviceId,
    periodStart: record.periodStart,
    periodEnd: record.periodEnd,
    unitsProduced: record.unitsProduced,
    unitsRejected: record.unitsRejected,
    runSeconds: record.runSeconds,
    idleSeconds: record.idleSeconds,
    downSeconds: record.downSeconds,
    faultCount: record.faultCount,
    sampleCount: record.sampleCount,
    samplesDigest: record.samplesDigest,
  };
  if (record.energyWh !== undefined) {
    input.energyWh = record.energyWh;
  }
  return input;
}
