import { ProductionRecord } from '../ledger/production-record';
import { AgentDatabase } from './agent-database';

/** A record waiting in the outbox. */
export type OutboxEntry = Readonly<{
  seq: number;
  deviceId: string;
  periodStart: number;
  record: ProductionRecord;
  attempts: number;
  lastError: string | undefined;
  createdAt: number;
}>;

type Row = {
  seq: number;
  device_id: string;
  period_start: number;
  record: string;
  attempts: number;
  last_error: string | null;
  created_at: number;
};

/**
 * The durable queue between aggregation and the ledger. Records enter when their period closes and
 * leave only when the ledger has committed them with status VALID. A record the chaincode refuses
 * is parked: kept, reported, and not retried until an operator requeues it.
 */
export class Outbox {
  readonly #db: AgentDatabase;
  readonly #pending;
  readonly #delete;
  readonly #insertCommitted;
  readonly #park;
  readonly #attempt;

  constructor(db: AgentDatabase) {
    this.#db = db;
    this.#pending = db.prepare<[number], Row>("SELECT * FROM outbox WHERE status = 'PENDING' ORDER BY seq LIMIT ?");
    this.#delete = db.prepare<[number]>('DELETE FROM outbox WHERE seq = ?');
    this.#insertCommitted = db.prepare<[string, number, string, number]>(
      'INSERT OR REPLACE INTO committed (device_id, period_start, tx_id, committed_at) VALUES (?, ?, ?, ?)',
    );
    this.#park = db.prepare<[string, number]>(
      "UPDATE outbox SET status = 'PARKED', attempts = attempts + 1, last_error = ? WHERE seq = ?",
    );
    this.#attempt = db.prepare<[string, number]>(
      'UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE seq = ?',
    );
  }

  /** The oldest pending records, in the order their periods closed. */
  pending(limit: number): OutboxEntry[] {
    return this.#pending.all(limit).map(toEntry);
  }

  /** Removes records the ledger committed with status VALID, remembering the transaction. */
  committed(entries: readonly OutboxEntry[], txId: string): void {
    const now = Date.now();
    this.#db.transaction(() => {
      for (const entry of entries) {
        this.#delete.run(entry.seq);
        this.#insertCommitted.run(entry.deviceId, entry.periodStart, txId, now);
      }
    })();
  }

  /** Keeps a refused record out of the queue until it is requeued. */
  park(entry: OutboxEntry, reason: string): void {
    this.#park.run(reason, entry.seq);
  }

  /** Notes a failed attempt that will be retried. */
  failed(entries: readonly OutboxEntry[], reason: string): void {
    this.#db.transaction(() => {
      for (const entry of entries) this.#attempt.run(reason, entry.seq);
    })();
  }

  /** Records waiting and parked. */
  depth(): { pending: number; parked: number } {
    const rows = this.#db
      .prepare<[], { status: string; n: number }>('SELECT status, COUNT(*) AS n FROM outbox GROUP BY status')
      .all();
    return {
      pending: rows.find((r) => r.status === 'PENDING')?.n ?? 0,
      parked: rows.find((r) => r.status === 'PARKED')?.n ?? 0,
    };
  }

  /** When the oldest pending record entered the outbox, or undefined when none waits. */
  oldestPendingAt(): number | undefined {
    const row = this.#db
      .prepare<[], { created_at: number }>(
        "SELECT created_at FROM outbox WHERE status = 'PENDING' ORDER BY seq LIMIT 1",
      )
      .get();
    return row?.created_at;
  }

  /** Parked records, oldest first. */
  parked(): OutboxEntry[] {
    return this.#db.prepare<[], Row>("SELECT * FROM outbox WHERE status = 'PARKED' ORDER BY seq").all().map(toEntry);
  }

  /** Puts parked records back in the queue (after the operator fixed the cause); returns how many. */
  requeueParked(): number {
    return this.#db.prepare("UPDATE outbox SET status = 'PENDING' WHERE status = 'PARKED'").run().changes;
  }

  /** Whether a period still waits in the outbox (PENDING or PARKED), or undefined when it left it. */
  statusOf(deviceId: string, periodStart: number): 'PENDING' | 'PARKED' | undefined {
    const row = this.#db
      .prepare<[string, number], { status: 'PENDING' | 'PARKED' }>(
        'SELECT status FROM outbox WHERE device_id = ? AND period_start = ?',
      )
      .get(deviceId, periodStart);
    return row?.status;
  }

  /** The transaction that committed a period, if this agent committed it. */
  committedTx(deviceId: string, periodStart: number): string | undefined {
    const row = this.#db
      .prepare<[string, number], { tx_id: string }>(
        'SELECT tx_id FROM committed WHERE device_id = ? AND period_start = ?',
      )
      .get(deviceId, periodStart);
    return row?.tx_id;
  }
}

function toEntry(row: Row): OutboxEntry {
  return {
    seq: row.seq,
    deviceId: row.device_id,
    periodStart: row.period_start,
    record: JSON.parse(row.record) as ProductionRecord,
    attempts: row.attempts,
    lastError: row.last_error ?? undefined,
    createdAt: row.created_at,
  };
}
