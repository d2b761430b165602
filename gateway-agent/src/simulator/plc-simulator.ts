import { Logger } from '../ops/logger';
import { Ai4iReplay } from './ai4i-replay';
import { readAi4i } from './ai4i-dataset';
import { MachineReplay, ReplayStats } from './machine-replay';
import { PlcServer } from './plc-server';
import { RegisterBank } from './register-bank';
import { MachineConfig, SimulatorConfig } from './simulator-config';
import { readSteel } from './steel-dataset';
import { SteelReplay } from './steel-replay';

/** Options for {@link PlcSimulator}. */
export type PlcSimulatorOptions = Readonly<{ config: SimulatorConfig; logger?: Logger }>;

/** A machine's statistics, with whether its stretch is done. */
export type MachineStats = ReplayStats & { unitId: number; name: string; finished: boolean; paused: boolean };

type Machine = {
  config: MachineConfig;
  replay: MachineReplay;
  bank: RegisterBank;
  rowMs: number;
  paused: boolean;
  /** Wall time the current run of rows started, and rows replayed since then. */
  resumedAt: number;
  rowsSinceResume: number;
  timer: NodeJS.Timeout | undefined;
  finished: Promise<void>;
  markFinished: () => void;
};

/**
 * A PLC that replays recorded machine data into Modbus registers: one TCP server, one unit per
 * machine, each machine advancing one row every `rowSeconds / speed` wall seconds. It keeps its own
 * count of what it replayed. Tests can pause, step, mute a unit, restart the server or reset counters.
 */
export class PlcSimulator {
  readonly #machines = new Map<number, Machine>();
  readonly #server: PlcServer;
  readonly #logger: Logger | undefined;
  #started = false;

  constructor(options: PlcSimulatorOptions) {
    const { config } = options;
    this.#logger = options.logger;
    for (const m of config.machines) {
      const replay: MachineReplay =
        m.dataset === 'ai4i2020'
          ? new Ai4iReplay(readAi4i(m.file, m.rows.first, m.rows.count), {
              cycleSeconds: m.cycleSeconds,
              startTime: Date.parse(m.startTime),
              loop: m.loop,
              counterStart: m.counterStart,
            })
          : new SteelReplay(readSteel(m.file, m.rows.first, m.rows.count), {
              loop: m.loop,
              counterStart: m.counterStart,
            });
      const bank = new RegisterBank(m.registers);
      bank.write(replay.signals());
      let markFinished = (): void => undefined;
      const finished = new Promise<void>((resolve) => {
        markFinished = resolve;
      });
      this.#machines.set(m.unitId, {
        config: m,
        replay,
        bank,
        rowMs: (replay.rowSeconds * 1000) / m.speed,
        paused: m.startPaused,
        resumedAt: 0,
        rowsSinceResume: 0,
        timer: undefined,
        finished,
        markFinished,
      });
    }
    this.#server = new PlcServer({
      host: config.host,
      port: config.port,
      units: new Map([...this.#machines].map(([unit, m]) => [unit, m.bank])),
    });
  }

  /** Starts the server and every machine not configured to start paused. */
  async start(): Promise<void> {
    await this.#server.start();
    this.#started = true;
    for (const [unitId, m] of this.#machines) {
      this.#logger?.info(
        { unitId, dataset: m.config.dataset, rows: m.config.rows, speed: m.config.speed, paused: m.paused },
        'machine ready',
      );
      if (!m.paused) this.#resume(m);
    }
  }

  /** Stops the replay and the server. */
  async stop(): Promise<void> {
    this.#started = false;
    for (const m of this.#machines.values()) clearTimeout(m.timer);
    await this.#server.stop();
  }

  /** Stops answering on the network (a PLC's communication going down); the replay goes on unless paused. */
  stopServer(): Promise<void> {
    return this.#server.stop();
  }

  startServer(): Promise<void> {
    return this.#server.start();
  }

  pause(unitId: number): void {
    const m = this.#machine(unitId);
    m.paused = true;
    clearTimeout(m.timer);
  }

  resume(unitId: number): void {
    const m = this.#machine(unitId);
    if (!m.paused) return;
    m.paused = false;
    if (this.#started) this.#resume(m);
  }

  /** Replays `rows` rows at once (paused machines too). */
  step(unitId: number, rows = 1): void {
    const m = this.#machine(unitId);
    for (let i = 0; i < rows && m.replay.advance(); i++);
    this.#publish(m);
  }

  /** Makes a unit silent (it stops answering requests) or lets it answer again. */
  mute(unitId: number, muted: boolean): void {
    this.#machine(unitId);
    this.#server.mute(unitId, muted);
  }

  /** A device reset: the unit's counter registers restart from zero. */
  resetCounters(unitId: number): void {
    const m = this.#machine(unitId);
    m.replay.resetCounters();
    m.bank.write(m.replay.signals());
  }

  /** Resolves when the unit's stretch of rows has been replayed (never, when it loops). */
  finished(unitId: number): Promise<void> {
    return this.#machine(unitId).finished;
  }

  /** The current signal values of a unit. */
  signals(unitId: number): Record<string, number> {
    return this.#machine(unitId).replay.signals();
  }

  /** The simulator's own count of what each machine replayed. */
  stats(): MachineStats[] {
    return [...this.#machines].map(([unitId, m]) => ({
      ...m.replay.stats(),
      unitId,
      name: m.config.name,
      finished: m.replay.finished,
      paused: m.paused,
    }));
  }

  /** Requests the server has received. */
  get requests(): number {
    return this.#server.requests;
  }

  #machine(unitId: number): Machine {
    const m = this.#machines.get(unitId);
    if (!m) throw new Error(`no machine with unit id ${unitId}`);
    return m;
  }

  #resume(m: Machine): void {
    m.resumedAt = Date.now();
    m.rowsSinceResume = 0;
    this.#schedule(m);
  }

  #schedule(m: Machine): void {
    clearTimeout(m.timer);
    const due = m.resumedAt + (m.rowsSinceResume + 1) * m.rowMs;
    m.timer = setTimeout(
      () => {
        this.#tick(m);
      },
      Math.max(0, due - Date.now()),
    );
  }

  #tick(m: Machine): void {
    if (m.paused || !this.#started) return;
    const due = Math.floor((Date.now() - m.resumedAt) / m.rowMs);
    while (m.rowsSinceResume < due && m.replay.advance()) m.rowsSinceResume += 1;
    this.#publish(m);
    if (!m.replay.finished) this.#schedule(m);
  }

  #publish(m: Machine): void {
    m.bank.write(m.replay.signals());
    if (m.replay.finished) {
      clearTimeout(m.timer);
      m.markFinished();
      this.#logger?.info({ unitId: m.config.unitId, stats: m.replay.stats() }, 'machine finished its rows');
    }
  }
}
