import { FCallbackVal, IServiceVector, ServerTCP } from 'modbus-serial';
import { Table } from '../decoding/data-type';
import { ModbusError } from '../modbus/modbus-error';
import { RegisterBank } from './register-bank';

/** Options for {@link PlcServer}. */
export type PlcServerOptions = Readonly<{
  host: string;
  port: number;
  /** The register bank of each unit id. */
  units: ReadonlyMap<number, RegisterBank>;
}>;

type Reply<T> = FCallbackVal<T>;

function exception(code: number, message: string): Error {
  return Object.assign(new Error(message), { modbusErrorCode: code });
}

/**
 * A Modbus TCP server (modbus-serial's ServerTCP) over the simulated units' register banks. A unit can
 * be muted: it then never answers, like a device that went silent. A unit id with no machine answers
 * GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND.
 */
export class PlcServer {
  readonly #options: PlcServerOptions;
  readonly #muted = new Set<number>();
  #server: ServerTCP | undefined;
  #requests = 0;

  constructor(options: PlcServerOptions) {
    this.#options = options;
  }

  /** Requests answered or withheld since the server was made. */
  get requests(): number {
    return this.#requests;
  }

  get listening(): boolean {
    return this.#server !== undefined;
  }

  /** Starts listening on the configured host and port. */
  start(): Promise<void> {
    if (this.#server) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const server = new ServerTCP(this.#vector(), { host: this.#options.host, port: this.#options.port, unitID: 255 });
      server.on('initialized', () => {
        this.#server = server;
        resolve();
      });
      server.on('serverError', (err: Error | null) => {
        if (!this.#server) {
          server.close(() => undefined);
          reject(err ?? new Error('server error'));
        }
      });
      server.on('socketError', () => undefined);
      server.on('error', () => undefined);
    });
  }

  /** Stops listening and drops every client connection. */
  stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return Promise.resolve();
    return new Promise((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  }

  /** Makes a unit stop answering (or answer again). */
  mute(unitId: number, muted: boolean): void {
    if (muted) this.#muted.add(unitId);
    else this.#muted.delete(unitId);
  }

  #answer<T>(
    table: Table,
    address: number,
    count: number,
    unitId: number,
    reply: Reply<T>,
    pick: (v: number[]) => T,
  ): void {
    this.#requests += 1;
    if (this.#muted.has(unitId)) return;
    const bank = this.#options.units.get(unitId);
    if (!bank) {
      reply(exception(11, `no unit ${unitId}`), undefined as T);
      return;
    }
    try {
      reply(null, pick(bank.read(table, address, count)));
    } catch (err) {
      const code = err instanceof ModbusError && err.exceptionCode !== undefined ? err.exceptionCode : 4;
      reply(exception(code, String(err)), undefined as T);
    }
  }

  #vector(): IServiceVector {
    const one = (v: number[]): number => v[0] ?? 0;
    const bit = (v: number[]): boolean => v[0] === 1;
    return {
      getCoil: (addr: number, unit: number, cb: Reply<boolean>) => {
        this.#answer('coil', addr, 1, unit, cb, bit);
      },
      getDiscreteInput: (addr: number, unit: number, cb: Reply<boolean>) => {
        this.#answer('discrete', addr, 1, unit, cb, bit);
      },
      getHoldingRegister: (addr: number, unit: number, cb: Reply<number>) => {
        this.#answer('holding', addr, 1, unit, cb, one);
      },
      getInputRegister: (addr: number, unit: number, cb: Reply<number>) => {
        this.#answer('input', addr, 1, unit, cb, one);
      },
      getMultipleHoldingRegisters: (addr: number, length: number, unit: number, cb: Reply<number[]>) => {
        this.#answer('holding', addr, length, unit, cb, (v) => v);
      },
      getMultipleInputRegisters: (addr: number, length: number, unit: number, cb: Reply<number[]>) => {
        this.#answer('input', addr, length, unit, cb, (v) => v);
      },
    };
  }
}
