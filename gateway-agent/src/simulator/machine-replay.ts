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
