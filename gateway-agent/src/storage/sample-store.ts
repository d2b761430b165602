import { AggregatorState, ClosedPeriod } from '../aggregation/period-aggregator';
import { ProductionRecord, sortedJson } from '../ledger/production-record';
import { samplesDigest } from '../sampling/canonical-sample';
import { AgentDatabase } from './agent-database';

/** A closed period as the agent keeps it. */
export type StoredPeriod = Readonly<{
  deviceId: string;
  periodStart: number;
  periodEnd: number;
  record: ProductionRecord;
  samplesDigest: string;
}>;

/** One sample to store, with the state the aggregator reached by applying it. */
export type SampleEntry = Readonly<{
  deviceId: string;
  t: number;
  line: string;
  periodStart: number | undefined;
  state: AggregatorState;
  closed: readonly ClosedPeriod[];
}>;

/** Makes the ledger record of a closed period from its samples' digest. */
export type RecordMaker = (period: ClosedPeriod, samplesDigest: string) => ProductionRecord;

/**
 * Raw samples, aggregator state and closed periods. Each sample is stored in one transaction
 * together with the periods it closed (each put into the outbox) and the new aggregator state, so
 * after a crash the agent resumes exactly where the last stored sample left it.
 */
export class SampleStore {
  readonly #db: AgentDatabase;
  readonly #insertSample;
  readonly #saveState;
  readonly #loadState;
  readonly #periodLines;
  readonly #insertPeriod;
  readonly #insertOutbox;
  readonly #selectPeriod;

  constructor(db: AgentDatabase) {
    this.#db = db;
    this.#insertSample = db.prepare<[string, number, number | null, string]>(
      'INSERT INTO samples (device_id, t, period_start, line) VALUES (?, ?, ?, ?)',
    );
    this.#saveState = db.prepare<[string, string]>(
      'INSERT INTO device_state (device_id, state) VALUES (?, ?) ON CONFLICT (device_id) DO UPDATE SET state = excluded.state',
    );
    this.#loadState = db.prepare<[string], { state: string }>('SELECT state FROM device_state WHERE device_id = ?');
    this.#periodLines = db
      .prepare<[string, number], string>(
        'SELECT line FROM samples WHERE device_id = ? AND period_start = ? ORDER BY id',
      )
      .pluck();
    this.#insertPeriod = db.prepare<[string, number, number, string, string, number]>(
      'INSERT INTO periods (device_id, period_start, period_end, record, samples_digest, closed_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#insertOutbox = db.prepare<[string, number, string, number]>(
      'INSERT INTO outbox (device_id, period_start, record, created_at) VALUES (?, ?, ?, ?)',
    );
    this.#selectPeriod = db.prepare<[string, number], { period_end: number; record: string; samples_digest: string }>(
      'SELECT period_end, record, samples_digest FROM periods WHERE device_id = ? AND period_start = ?',
    );
  }

  /** The aggregator state stored with the device's last sample (empty for a new device). */
  loadState(deviceId: string): AggregatorState {
    const row = this.#loadState.get(deviceId);
    return row ? (JSON.parse(row.state) as AggregatorState) : {};
  }

  /** Stores a sample, the periods it closed and the new state; returns the records put into the outbox. */
  record(entry: SampleEntry, makeRecord: RecordMaker): ProductionRecord[] {
    return this.#db.transaction(() => {
      const records = entry.closed.map((period) => this.#close(entry.deviceId, period, makeRecord));
      this.#insertSample.run(entry.deviceId, entry.t, entry.periodStart ?? null, entry.line);
      this.#saveState.run(entry.deviceId, JSON.stringify(entry.state));
      return records;
    })();
  }

  /** Stores a period closed without a new sample (at shutdown) and the new state. */
  closeWithoutSample(
    deviceId: string,
    period: ClosedPeriod,
    state: AggregatorState,
    makeRecord: RecordMaker,
  ): ProductionRecord {
    return this.#db.transaction(() => {
      const record = this.#close(deviceId, period, makeRecord);
      this.#saveState.run(deviceId, JSON.stringify(state));
      return record;
    })();
  }

  /** The canonical lines of a period's samples, in poll order. */
  sampleLines(deviceId: string, periodStart: number): string[] {
    return this.#periodLines.all(deviceId, periodStart);
  }

  /** A closed period, or undefined. */
  period(deviceId: string, periodStart: number): StoredPeriod | undefined {
    const row = this.#selectPeriod.get(deviceId, periodStart);
    if (!row) return undefined;
    return {
      deviceId,
      periodStart,
      periodEnd: row.period_end,
      record: JSON.parse(row.record) as ProductionRecord,
      samplesDigest: row.samples_digest,
    };
  }

  /** Ids of the devices that have stored samples or periods. */
  deviceIds(): string[] {
    return this.#db
      .prepare<[], string>('SELECT device_id FROM device_state UNION SELECT device_id FROM periods ORDER BY 1')
      .pluck()
      .all();
  }

  /** Closed periods of a device that start in [from, to), oldest first. */
  periods(deviceId: string, from: number, to: number): StoredPeriod[] {
    return this.#db
      .prepare<[string, number, number], { period_start: number }>(
        'SELECT period_start FROM periods WHERE device_id = ? AND period_start >= ? AND period_start < ? ORDER BY period_start',
      )
      .all(deviceId, from, to)
      .map((row) => this.period(deviceId, row.period_start))
      .filter((p): p is StoredPeriod => p !== undefined);
  }

  /**
   * Deletes the raw samples of periods that started before `before` and whose records the ledger
   * committed; the periods (with their digests) stay. Returns how many samples were deleted.
   */
  pruneCommitted(before: number): number {
    return this.#db
      .prepare(
        `DELETE FROM samples WHERE period_start < ? AND EXISTS (
           SELECT 1 FROM committed c WHERE c.device_id = samples.device_id AND c.period_start = samples.period_start)`,
      )
      .run(before).changes;
  }

  #close(deviceId: string, period: ClosedPeriod, makeRecord: RecordMaker): ProductionRecord {
    const digest = samplesDigest(this.#periodLines.all(deviceId, period.start));
    const record = makeRecord(period, digest);
    const json = sortedJson(record);
    const now = Date.now();
    this.#insertPeriod.run(deviceId, period.start, period.end, json, digest, now);
    this.#insertOutbox.run(deviceId, period.start, json, now);
    return record;
  }
}
