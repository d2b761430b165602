import type { MachineStats } from '@sme-credit-chain/gateway-agent';
import type { ManagedChild } from './process-supervisor';
import type { SimulatorCommand, SimulatorEvent } from './plc-simulator-process';

/** The demo's side of the simulator child process: resume, finished machines and replay counts over IPC. */
export class SimulatorHandle {
  readonly child: ManagedChild;
  readonly #finished = new Set<number>();
  #listening: Promise<number[]>;
  #statsWaiters: ((stats: MachineStats[]) => void)[] = [];

  constructor(child: ManagedChild) {
    this.child = child;
    this.#listening = new Promise((resolve, reject) => {
      child.process.on('message', (event: SimulatorEvent) => {
        if (event.type === 'listening') resolve(event.units);
        else if (event.type === 'finished') this.#finished.add(event.unitId);
        else {
          const waiters = this.#statsWaiters;
          this.#statsWaiters = [];
          for (const w of waiters) w(event.stats);
        }
      });
      void child.exited.then((code) => {
        reject(new Error(`the simulator exited (${String(code)}) before listening; see ${child.logFile}`));
      });
    });
  }

  /** Resolves with the unit ids once the Modbus server listens. */
  listening(): Promise<number[]> {
    return this.#listening;
  }

  resume(): void {
    this.#send({ type: 'resume' });
  }

  /** True when every given unit has replayed its rows. */
  finished(units: readonly number[]): boolean {
    return units.every((u) => this.#finished.has(u));
  }

  /** The simulator's own count of what it replayed. */
  stats(): Promise<MachineStats[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error('the simulator did not report its counts'));
      }, 5000);
      this.#statsWaiters.push((stats) => {
        clearTimeout(timer);
        resolve(stats);
      });
      this.#send({ type: 'stats' });
    });
  }

  #send(command: SimulatorCommand): void {
    this.child.process.send(command);
  }
}
