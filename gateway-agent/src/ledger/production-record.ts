import type { ProductionInput, ProductionRecordRef } from '@sme-credit-chain/chaincode';
import { ClosedPeriod } from '../aggregation/period-aggregator';

/** A production period as `production:SubmitRecords` takes it (see chaincode/API.md). */
export type ProductionRecord = Readonly<ProductionInput>;

/** The ledger key of a production record. */
export type RecordKey = ProductionRecordRef;

/** Builds the ledger record of a closed period. */
export function toProductionRecord(
  enterpriseId: string,
  deviceId: string,
  period: ClosedPeriod,
  samplesDigest: string,
): ProductionRecord {
  return {
    enterpriseId,
    deviceId,
    periodStart: new Date(period.start).toISOString(),
    periodEnd: new Date(period.end).toISOString(),
    unitsProduced: period.unitsProduced,
    unitsRejected: period.unitsRejected,
    runSeconds: period.runSeconds,
    idleSeconds: period.idleSeconds,
    downSeconds: period.downSeconds,
    faultCount: period.faultCount,
    ...(period.energyWh === undefined ? {} : { energyWh: period.energyWh }),
    sampleCount: period.sampleCount,
    samplesDigest,
  };
}

/** JSON with object keys sorted, as the ledger stores it. */
export function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
