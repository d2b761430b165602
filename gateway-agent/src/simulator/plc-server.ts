import { ServerTCP } from 'modbus-serial';
import { RegisterBank } from './register-bank';
import { serviceVector } from './service-vector';

/** Options for {@link PlcServer}. */
export type PlcServerOptions = Readonly<{
  host: string;
  port: number;
  /** The register bank of each unit id. */
  units: ReadonlyMap<number, RegisterBank>;
}>;

/**
 * A Modbus TCP server (modbus-serial's ServerTCP) over the simulated units' register banks (see
 * {@link serviceVector}). A unit can be muted: it then never answers, like a device that went silent.
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
      const vector = serviceVector({
        units: this.#options.units,
        muted: (unitId) => this.#muted.has(unitId),
        onRequest: () => {
          this.#requests += 1;
        },
      });
      const server = new ServerTCP(vector, { host: this.#options.host, port: this.#options.port, unitID: 255 });
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
}
