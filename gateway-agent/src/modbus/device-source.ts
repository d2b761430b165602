import { DeviceConfig } from '../config/agent-config';
import { Sample } from '../sampling/sample';
import { ModbusConnection } from './modbus-connection';
import { Table } from '../decoding/data-type';
import { malformedAnswer, ModbusError, toModbusError } from './modbus-error';
import { planReads, ReadBlock } from './read-plan';

/** The request a poll failed on: its table, first address, length and the registers it carries. */
export type FailedRead = Readonly<{ table: Table; address: number; count: number; registers: readonly string[] }>;

/** What one poll produced: the sample to record, and for a failed poll the error and the request it failed on. */
export type PollResult = Readonly<{ sample: Sample; error?: ModbusError; failedRead?: FailedRead }>;

/** Where a device's samples come from. The agent polls it; tests may supply their own. */
export interface SampleSource {
  readonly deviceId: string;
  /** Reads every configured value once; never throws, a failure is a failed sample. */
  poll(): Promise<PollResult>;
}

/** Options for {@link ModbusDeviceSource}. */
export type ModbusDeviceSourceOptions = Readonly<{
  device: DeviceConfig;
  connection: ModbusConnection;
  now?: () => number;
}>;

/** Polls one Modbus unit over a (possibly shared) connection, one planned request after another. */
export class ModbusDeviceSource implements SampleSource {
  readonly deviceId: string;
  readonly #options: ModbusDeviceSourceOptions;
  readonly #blocks: readonly ReadBlock[];
  readonly #now: () => number;

  constructor(options: ModbusDeviceSourceOptions) {
    this.#options = options;
    this.deviceId = options.device.id;
    this.#blocks = planReads(options.device.registers, options.device.maxReadGap);
    this.#now = options.now ?? Date.now;
  }

  /** The requests one poll makes. */
  get blocks(): readonly ReadBlock[] {
    return this.#blocks;
  }

  async poll(): Promise<PollResult> {
    const { device, connection } = this.#options;
    const t = this.#now();
    const words: Record<string, readonly number[]> = {};
    let current: ReadBlock | undefined;
    try {
      for (const block of this.#blocks) {
        current = block;
        const data = await connection.read({
          unitId: device.unitId,
          table: block.table,
          address: block.address,
          count: block.count,
          timeoutMs: device.timeoutMs,
        });
        if (data.length < block.count) {
          throw malformedAnswer(`${data.length} values, expected ${block.count}`);
        }
        for (const value of block.values) words[value.name] = data.slice(value.offset, value.offset + value.count);
      }
    } catch (err) {
      const error = toModbusError(err);
      const failedRead = current && {
        table: current.table,
        address: current.address,
        count: current.count,
        registers: current.values.map((v) => v.name),
      };
      return { sample: { deviceId: this.deviceId, t, error: error.code }, error, ...(failedRead && { failedRead }) };
    }
    return { sample: { deviceId: this.deviceId, t, words } };
  }
}
