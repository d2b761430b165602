import { DeviceConfig, RegisterConfig } from '../config/agent-config';
import { counterModulus } from '../decoding/data-type';
import { decodeRegisters, scaleValue } from '../decoding/register-codec';
import { Role } from '../config/roles';

/** Machine state over time: down (faulted) wins over run, run over idle. */
export type MachineState = 'run' | 'idle' | 'down';

/** The counters a record is made of. */
export type CounterRole = 'goodCount' | 'rejectCount' | 'faultCount' | 'energy';

/** What the aggregator needs from one good sample: its time, the machine state and raw counter readings. */
export type Observation = Readonly<{
  /** Time on the period clock (agent or device), milliseconds since the Unix epoch. */
  t: number;
  state: MachineState;
  faultCode: number;
  counters: Readonly<Partial<Record<CounterRole, number>>>;
}>;

type Counter = Readonly<{ register: RegisterConfig; modulus: number | undefined }>;

/** A value the aggregator would not use, with why: a failed reading of that register. */
export type RefusedReading = Readonly<{ register: string; role: Role; value: number; reason: string }>;

/** What one good sample gives: its observation (none when it cannot be placed in time) and refused values. */
export type Reading = Readonly<{ observation: Observation | undefined; refused: readonly RefusedReading[] }>;

/** Largest energy reading in Wh (after scaling) that is taken as a meter value: 2^53 - 1, where sums stop being exact. */
export const MAX_ENERGY_WH = Number.MAX_SAFE_INTEGER;

/** Latest device clock, in seconds since the Unix epoch, that is taken as a time: the end of the year 9999. */
export const MAX_CLOCK_SECONDS = 253_402_300_799;

/** Decodes a device's raw words into observations, according to the roles of its registers. */
export class ObservationReader {
  readonly #counters: Partial<Record<CounterRole, Counter>> = {};
  readonly #runState: RegisterConfig;
  readonly #faultCode: RegisterConfig | undefined;
  readonly #clock: RegisterConfig | undefined;

  constructor(device: DeviceConfig) {
    const byRole = (role: Role) => device.registers.find((r) => r.role === role);
    for (const role of ['goodCount', 'rejectCount', 'faultCount', 'energy'] as const) {
      const register = byRole(role);
      if (register) this.#counters[role] = { register, modulus: counterModulus(register.type) };
    }
    const runState = byRole('runState');
    if (!runState) throw new Error(`device ${device.id} has no runState register`);
    this.#runState = runState;
    this.#faultCode = byRole('faultCode');
    this.#clock = device.timeSource === 'device' ? byRole('clock') : undefined;
  }

  /** True when the device has an energy meter. */
  get hasEnergy(): boolean {
    return this.#counters.energy !== undefined;
  }

  /** True when the device counts faults itself; otherwise faults are counted from the fault code. */
  get hasFaultCounter(): boolean {
    return this.#counters.faultCount !== undefined;
  }

  /**
   * Reads an observation; `agentTime` is used unless the device's clock is the time source. An energy
   * reading that is not a finite number, or beyond {@link MAX_ENERGY_WH}, is refused: the observation
   * has no energy. A device clock that is not a time is refused: the sample gives no observation.
   */
  read(words: Readonly<Record<string, readonly number[]>>, agentTime: number): Reading {
    const value = (register: RegisterConfig) => scaleValue(this.raw(words, register), register.scale, register.offset);
    const refused: RefusedReading[] = [];
    const refuse = (register: RegisterConfig, v: number, reason: string): void => {
      refused.push({ register: register.name, role: register.role, value: v, reason });
    };
    const faultCode = this.#faultCode ? value(this.#faultCode) : 0;
    const running = value(this.#runState) !== 0;
    const counters: Partial<Record<CounterRole, number>> = {};
    for (const [role, counter] of Object.entries(this.#counters) as [CounterRole, Counter][]) {
      const raw = this.raw(words, counter.register);
      const problem = role === 'energy' ? energyProblem(value(counter.register)) : undefined;
      if (problem === undefined) counters[role] = raw;
      else refuse(counter.register, value(counter.register), problem);
    }
    let t = agentTime;
    if (this.#clock) {
      const seconds = value(this.#clock);
      if (!Number.isFinite(seconds) || seconds < 0 || seconds > MAX_CLOCK_SECONDS) {
        refuse(this.#clock, seconds, 'is not a time between 1970 and 9999; the sample is not used');
        return { observation: undefined, refused };
      }
      t = Math.round(seconds * 1000);
    }
    const state = faultCode !== 0 ? 'down' : running ? 'run' : 'idle';
    return { observation: { t, state, faultCode, counters }, refused };
  }

  /** The counter's register settings, for delta and scale. */
  counter(role: CounterRole): Counter | undefined {
    return this.#counters[role];
  }

  /** The raw (unscaled) value of a register in a sample's words. */
  raw(words: Readonly<Record<string, readonly number[]>>, register: RegisterConfig): number {
    const data = words[register.name];
    if (!data) throw new Error(`sample has no value ${register.name}`);
    return decodeRegisters(data, {
      type: register.type,
      byteOrder: register.byteOrder ?? 'big',
      wordOrder: register.wordOrder ?? 'big',
      ...(register.bit === undefined ? {} : { bit: register.bit }),
    });
  }
}

function energyProblem(wh: number): string | undefined {
  if (!Number.isFinite(wh)) return 'is not a finite number; energy of the period is left out';
  if (Math.abs(wh) > MAX_ENERGY_WH)
    return `is beyond ${MAX_ENERGY_WH} Wh, which no meter shows; energy of the period is left out`;
  return undefined;
}
