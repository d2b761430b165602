import { ProductionLedger } from './ledger/production-ledger';
import { ProductionRecord } from './ledger/production-record';
import { samplesDigest } from './sampling/canonical-sample';
import { Outbox } from './storage/outbox';
import { SampleStore } from './storage/sample-store';

/**
 * - `OK`: the samples give the stored digest, and the ledger holds the same record
 * - `SAMPLES_CHANGED`: the stored samples no longer give the digest recorded when the period closed
 * - `NO_SAMPLES`: the period's raw samples were pruned; only the ledger record is compared
 * - `MISMATCH`: the ledger holds a different record under the key
 * - `PENDING` / `PARKED`: not on the ledger yet, still in the outbox
 * - `MISSING`: neither on the ledger nor in the outbox
 */
export type VerifyStatus = 'OK' | 'SAMPLES_CHANGED' | 'NO_SAMPLES' | 'MISMATCH' | 'PENDING' | 'PARKED' | 'MISSING';

/** The check of one stored period. */
export type VerifyResult = Readonly<{
  deviceId: string;
  periodStart: string;
  status: VerifyStatus;
  samplesDigest: string;
  sampleLines: number;
  problems: readonly string[];
}>;

/** Options for {@link verifyPeriods}. */
export type VerifyOptions = Readonly<{
  store: SampleStore;
  outbox: Outbox;
  ledger: ProductionLedger;
  deviceId: string;
  /** Periods starting in [from, to), milliseconds since the Unix epoch. */
  from: number;
  to: number;
}>;

const FIELDS: readonly (keyof ProductionRecord)[] = [
  'enterpriseId',
  'deviceId',
  'periodStart',
  'periodEnd',
  'unitsProduced',
  'unitsRejected',
  'runSeconds',
  'idleSeconds',
  'downSeconds',
  'faultCount',
  'energyWh',
  'sampleCount',
  'samplesDigest',
];

/** Recomputes the digest of each stored period from its raw samples and checks it against the ledger. */
export async function verifyPeriods(options: VerifyOptions): Promise<VerifyResult[]> {
  const { store, outbox, ledger, deviceId } = options;
  const results: VerifyResult[] = [];
  for (const period of store.periods(deviceId, options.from, options.to)) {
    const lines = store.sampleLines(deviceId, period.periodStart);
    const digest = samplesDigest(lines);
    const base = { deviceId, periodStart: period.record.periodStart, samplesDigest: digest, sampleLines: lines.length };
    const pruned = lines.length === 0;
    if (!pruned && (digest !== period.samplesDigest || digest !== period.record.samplesDigest)) {
      results.push({
        ...base,
        status: 'SAMPLES_CHANGED',
        problems: [`samples give ${digest}, the period was closed with ${period.samplesDigest}`],
      });
      continue;
    }
    const onLedger = await ledger.getRecord(period.record);
    if (!onLedger) {
      const waiting = outbox.statusOf(deviceId, period.periodStart);
      results.push({ ...base, status: waiting ?? 'MISSING', problems: waiting ? [] : ['not on the ledger'] });
      continue;
    }
    const problems = FIELDS.filter((f) => !sameField(onLedger[f], period.record[f])).map(
      (f) => `${f}: local ${show(period.record[f])}, ledger ${show(onLedger[f])}`,
    );
    results.push({ ...base, status: problems.length > 0 ? 'MISMATCH' : pruned ? 'NO_SAMPLES' : 'OK', problems });
  }
  return results;
}

/**
 * Fields compare as JSON sends them: a null the agent stored (an energy reading older versions let
 * through as NaN) went out as null, which the chaincode keeps as an absent field.
 */
function sameField(ledger: unknown, local: unknown): boolean {
  return (ledger ?? undefined) === (local ?? undefined);
}

function show(value: ProductionRecord[keyof ProductionRecord] | null): string {
  return value === undefined || value === null ? 'absent' : String(value);
}
