import { ai4iFaultCode, Ai4iRow } from './ai4i-dataset';
import { ReplayStats, RowReplay } from './machine-replay';

/** Options for {@link Ai4iReplay}. */
export type Ai4iReplayOptions = Readonly<{
  /** Plant seconds per machining cycle (the data set has no timestamps). */
  cycleSeconds: number;
  /** Plant clock at the start of the first row, milliseconds since the epoch. */
  startTime: number;
  loop: boolean;
  /** Raw value the part and failure counters start from (set near 65535 to see a 16-bit wrap). */
  counterStart: number;
}>;

const PRODUCT_TYPES = { L: 1, M: 2, H: 3 } as const;

/**
 * Replays AI4I 2020 machining cycles, one part per row. While a row is current the machine runs
 * (runState 1) and shows the row's fault code and measurements; when the row ends its part is counted:
 * a reject when the row records a machine failure (also counted as a failure), a good part otherwise.
 * After the last row the machine stands idle.
 */
export class Ai4iReplay extends RowReplay<Ai4iRow> {
  readonly rowSeconds: number;
  readonly #options: Ai4iReplayOptions;
  #exposed: { good: number; rejected: number; failures: number };

  constructor(rows: readonly Ai4iRow[], options: Ai4iReplayOptions) {
    super(rows, options.loop);
    this.#options = options;
    this.rowSeconds = options.cycleSeconds;
    this.#exposed = { good: options.counterStart, rejected: options.counterStart, failures: options.counterStart };
  }

  signals(): Record<string, number> {
    const current = this.rows[Math.min(this.index, this.rows.length - 1)];
    if (!current) throw new Error('no rows');
    const cycles = this.replayStats.loops * this.rows.length + this.index;
    return {
      clock: (this.#options.startTime + cycles * this.#options.cycleSeconds * 1000) / 1000,
      runState: this.finished ? 0 : 1,
      faultCode: this.finished ? 0 : ai4iFaultCode(current),
      goodParts: this.#exposed.good,
      rejectedParts: this.#exposed.rejected,
      failures: this.#exposed.failures,
      udi: current.udi,
      productType: PRODUCT_TYPES[current.type],
      airTemperatureK: current.airTemperatureK,
      processTemperatureK: current.processTemperatureK,
      rotationalSpeedRpm: current.rotationalSpeedRpm,
      torqueNm: current.torqueNm,
      toolWearMin: current.toolWearMin,
    };
  }

  protected count(row: Ai4iRow, s: ReplayStats): void {
    if (row.machineFailure) {
      s.rejectedParts += 1;
      s.failures += 1;
      s.downSeconds += this.rowSeconds;
      this.#exposed.rejected += 1;
      this.#exposed.failures += 1;
    } else {
      s.goodParts += 1;
      s.runSeconds += this.rowSeconds;
      this.#exposed.good += 1;
    }
  }

  resetCounters(): void {
    this.#exposed = { good: 0, rejected: 0, failures: 0 };
  }
}
