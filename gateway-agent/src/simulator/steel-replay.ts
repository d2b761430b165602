import { ReplayStats, RowReplay } from './machine-replay';
import { STEEL_INTERVAL_SECONDS, SteelRow } from './steel-dataset';

/** Options for {@link SteelReplay}. */
export type SteelReplayOptions = Readonly<{
  loop: boolean;
  /** Watt-hours the energy meter starts from. */
  counterStart: number;
}>;

const LOAD_LEVELS = { Light_Load: 0, Medium_Load: 1, Maximum_Load: 2 } as const;

/**
 * Replays the steel plant's 15-minute metering as a meter with a clock. While a row is current the
 * clock shows the start of its interval and the run state its load (Medium or Maximum load: running;
 * Light load: idle); when the row ends the meter adds its energy and the clock moves to the interval's
 * end. So a reader that sees every row gets each interval's energy and state exactly.
 */
export class SteelReplay extends RowReplay<SteelRow> {
  readonly rowSeconds = STEEL_INTERVAL_SECONDS;
  readonly #span: number;
  #meterWh: number;

  constructor(rows: readonly SteelRow[], options: SteelReplayOptions) {
    super(rows, options.loop);
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (!first || !last) throw new Error('no rows to replay');
    this.#meterWh = options.counterStart;
    this.#span = last.end - (first.end - STEEL_INTERVAL_SECONDS * 1000);
  }

  signals(): Record<string, number> {
    const offset = this.replayStats.loops * this.#span;
    const current = this.rows[this.index];
    const last = this.rows[this.rows.length - 1];
    const row = current ?? last;
    if (!row || !last) throw new Error('no rows');
    const running = current !== undefined && current.load !== 'Light_Load';
    return {
      clock: ((current ? current.end - STEEL_INTERVAL_SECONDS * 1000 : last.end) + offset) / 1000,
      runState: running ? 1 : 0,
      loadLevel: current ? LOAD_LEVELS[current.load] : 0,
      energyWh: this.#meterWh,
      lagReactiveVarh: row.lagReactiveKvarh * 1000,
      leadReactiveVarh: row.leadReactiveKvarh * 1000,
      co2Kg: row.co2Tonnes * 1000,
      lagPowerFactor: row.lagPowerFactor,
      leadPowerFactor: row.leadPowerFactor,
      weekend: row.weekend ? 1 : 0,
    };
  }

  protected count(row: SteelRow, s: ReplayStats): void {
    s.energyWh += row.energyWh;
    this.#meterWh += row.energyWh;
    if (row.load === 'Light_Load') s.idleSeconds += this.rowSeconds;
    else s.runSeconds += this.rowSeconds;
  }

  resetCounters(): void {
    this.#meterWh = 0;
  }
}
