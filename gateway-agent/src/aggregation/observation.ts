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

  /** Reads an observation; `agentTime` is used unless the device's clock is the time source. */
  read(words: Readonly<Record<string, readonly number[]>>, agentTime: number): Observation {
    const value = (register: RegisterConfig) => scaleValue(this.raw(words, register), register.scale, register.offset);
    const faultCode = this.#faultCode ? value(this.#faultCode) : 0;
    const running = value(this.#runState) !== 0;
    const counters: Partial<Record<CounterRole, number>> = {};
    for (const [role, counter] of Object.entries(this.#counters) as [CounterRole, Counter][]) {
      counters[role] = this.raw(words, counter.register);
    }
    const t = this.#clock ? Math.round(value(this.#clock) * 1000) : agentTime;
    return { t, state: faultCode !== 0 ? 'down' : running ? 'run' : 'idle', faultCode, counters };
  }

  /** The counter's register settings, for delta and scale. */
  counter(role: CounterRole): Counter | undefined {
    return this.#counters[role];
  }

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
