/** The simulator's own count of what it replayed, for comparison with what reached the ledger. */
export type ReplayStats = {
  /** Rows completed (a row counts once its cycle or interval has ended). */
  rowsReplayed: number;
  /** 1-based file row of the first and last completed rows. */
  firstRow: number | undefined;
  lastRow: number | undefined;
  goodParts: number;
  rejectedParts: number;
  failures: number;
  energyWh: number;
  runSeconds: number;
  idleSeconds: number;
  downSeconds: number;
  /** Times the stretch has been replayed from the start again. */
  loops: number;
};

/** A data set replayed row by row into signal values. */
export interface MachineReplay {
  /** Plant seconds one row stands for. */
  readonly rowSeconds: number;
  readonly finished: boolean;
  /** Signal values at the current position; counters include the configured start value. */
  signals(): Record<string, number>;
  /** Ends the current row (counting it) and moves to the next; false when there is none. */
  advance(): boolean;
  stats(): ReplayStats;
  /** A device reset: counter registers start again from zero; the replay's own count goes on. */
  resetCounters(): void;
}

/** Fresh statistics. */
export function emptyStats(): ReplayStats {
  return {
    rowsReplayed: 0,
    firstRow: undefined,
    lastRow: undefined,
    goodParts: 0,
    rejectedParts: 0,
    failures: 0,
    energyWh: 0,
    runSeconds: 0,
    idleSeconds: 0,
    downSeconds: 0,
    loops: 0,
  };
}

/**
 * The cursor shared by the replays: rows in file order, the current row, looping and the statistics.
 * A subclass says what completing one row adds (`count`) and what the registers show (`signals`).
 */
export abstract class RowReplay<Row extends { readonly row: number }> implements MachineReplay {
  abstract readonly rowSeconds: number;
  protected readonly rows: readonly Row[];
  protected readonly loop: boolean;
  protected readonly replayStats = emptyStats();
  /** Index of the current row; equals the row count once the last row has ended (without looping). */
  protected index = 0;

  protected constructor(rows: readonly Row[], loop: boolean) {
    if (rows.length === 0) throw new Error('no rows to replay');
    this.rows = rows;
    this.loop = loop;
  }

  get finished(): boolean {
    return this.index >= this.rows.length;
  }

  abstract signals(): Record<string, number>;

  abstract resetCounters(): void;

  /** Adds a completed row to the statistics and to the exposed counters. */
  protected abstract count(row: Row, stats: ReplayStats): void;

  advance(): boolean {
    const row = this.rows[this.index];
    if (!row) return false;
    const s = this.replayStats;
    this.count(row, s);
    s.rowsReplayed += 1;
    s.firstRow ??= row.row;
    s.lastRow = row.row;
    this.index += 1;
    if (this.finished && this.loop) {
      this.index = 0;
      s.loops += 1;
    }
    return true;
  }

  stats(): ReplayStats {
    return { ...this.replayStats };
  }
}
