import { ConnectionConfig } from '../config/agent-config';
import { Table } from '../decoding/data-type';
import { Backoff } from '../util/backoff';
import { ModbusClient, ModbusClientFactory } from './modbus-client';
import { ModbusError, toModbusError } from './modbus-error';

/** One read of consecutive values from one table of one unit. */
export type ReadRequest = Readonly<{
  unitId: number;
  table: Table;
  address: number;
  count: number;
  timeoutMs: number;
}>;

/** Options for {@link ModbusConnection}. */
export type ModbusConnectionOptions = Readonly<{
  /** Where to connect; devices with the same key share this connection. */
  connection: ConnectionConfig;
  open: ModbusClientFactory;
  reconnect: Readonly<{ initialMs: number; maxMs: number }>;
  /** Consecutive timeouts, with no answer from any unit in between, after which the connection is reopened. */
  timeoutsBeforeReconnect: number;
  now?: () => number;
  onEvent?: (event: ConnectionEvent) => void;
}>;

/** What a connection reports to logs and metrics. */
export type ConnectionEvent =
  | Readonly<{ type: 'connected' }>
  | Readonly<{ type: 'connect-failed'; error: ModbusError; retryInMs: number }>
  | Readonly<{ type: 'disconnected'; reason: string; retryInMs: number }>;

/**
 * A Modbus connection to one TCP host or serial bus, shared by the units behind it. Requests run one
 * at a time, each with its own timeout. A closed, refused or silent connection, or one that gave a
 * malformed answer, is reopened on a later request; until then requests fail at once with
 * `CONNECTION`, so a dead device never blocks the agent. The backoff between attempts resets only
 * after a successful read: a device that accepts connections but never answers properly is retried
 * ever more slowly, while a connection lost after good reads is reopened at once. A timeout of one
 * unit does not drop the connection while other units on it still answer.
 */
export class ModbusConnection {
  readonly #options: ModbusConnectionOptions;
  readonly #backoff: Backoff;
  readonly #now: () => number;
  #client: ModbusClient | undefined;
  #nextAttemptAt = 0;
  #timeouts = 0;
  /** A read succeeded on the current client. */
  #answered = false;
  #tail: Promise<unknown> = Promise.resolve();
  #closed = false;
  #dropCurrent: ((error: ModbusError) => void) | undefined;

  constructor(options: ModbusConnectionOptions) {
    this.#options = options;
    this.#backoff = new Backoff(options.reconnect);
    this.#now = options.now ?? Date.now;
  }

  /** True while a connection is open. */
  get connected(): boolean {
    return this.#client !== undefined;
  }

  /** Queues a read behind the requests already waiting on this connection. */
  read(request: ReadRequest): Promise<number[]> {
    const run = this.#tail.then(() => this.#execute(request));
    this.#tail = run.catch(() => undefined);
    return run;
  }

  /** Closes the connection; queued and later requests fail with `CLOSED`. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#dropCurrent?.(new ModbusError('CLOSED', 'connection closed by the agent'));
    await this.#disconnect();
    await this.#tail;
  }

  async #execute(request: ReadRequest): Promise<number[]> {
    if (this.#closed) throw new ModbusError('CLOSED', 'connection closed by the agent');
    const client = await this.#ensureClient(request.timeoutMs);
    try {
      const words = await this.#withGuards(client, request);
      this.#timeouts = 0;
      this.#answered = true;
      this.#backoff.reset();
      return words;
    } catch (err) {
      const error = toModbusError(err);
      if (error.kind === 'TIMEOUT') {
        this.#timeouts += 1;
        if (this.#timeouts >= this.#options.timeoutsBeforeReconnect) {
          await this.#drop(`${this.#timeouts} requests timed out in a row`);
        }
      } else if (error.kind === 'CONNECTION' || error.kind === 'PROTOCOL') {
        await this.#drop(error.message);
      }
      throw error;
    }
  }

  async #ensureClient(timeoutMs: number): Promise<ModbusClient> {
    if (this.#client) return this.#client;
    const waitMs = this.#nextAttemptAt - this.#now();
    if (waitMs > 0) {
      throw new ModbusError('CONNECTION', `not connected; next attempt in ${waitMs} ms`);
    }
    try {
      const client = await this.#options.open(this.#options.connection, timeoutMs);
      if (this.#closed) {
        await client.destroy();
        throw new ModbusError('CLOSED', 'connection closed by the agent');
      }
      client.onClose((reason) => {
        if (this.#client === client) {
          this.#client = undefined;
          this.#dropCurrent?.(new ModbusError('CONNECTION', reason));
          this.#lost(reason);
        }
      });
      this.#client = client;
      this.#answered = false;
      this.#timeouts = 0;
      this.#options.onEvent?.({ type: 'connected' });
      return client;
    } catch (err) {
      const error = toModbusError(err);
      if (error.kind === 'CLOSED') throw error;
      const failed = error.kind === 'CONNECTION' ? error : new ModbusError('CONNECTION', error.message, { cause: err });
      const retryInMs = this.#backoff.next();
      this.#nextAttemptAt = this.#now() + retryInMs;
      this.#options.onEvent?.({ type: 'connect-failed', error: failed, retryInMs });
      throw failed;
    }
  }

  /** Races the read against a backstop timer and the connection closing under it. */
  #withGuards(client: ModbusClient, request: ReadRequest): Promise<number[]> {
    return new Promise<number[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        finish(() => {
          reject(new ModbusError('TIMEOUT', 'no answer within the timeout'));
        });
      }, request.timeoutMs + 250);
      let done = false;
      const finish = (settle: () => void): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.#dropCurrent = undefined;
        settle();
      };
      this.#dropCurrent = (error) => {
        finish(() => {
          reject(error);
        });
      };
      client.read(request.unitId, request.table, request.address, request.count, request.timeoutMs).then(
        (words) => {
          finish(() => {
            resolve(words);
          });
        },
        (err: unknown) => {
          finish(() => {
            reject(toModbusError(err));
          });
        },
      );
    });
  }

  async #drop(reason: string): Promise<void> {
    if (!this.#client) return;
    this.#lost(reason);
    await this.#disconnect();
  }

  /** Schedules the next attempt: at once after good reads on the lost client, otherwise after the backoff. */
  #lost(reason: string): void {
    const retryInMs = this.#answered ? 0 : this.#backoff.next();
    this.#answered = false;
    this.#nextAttemptAt = this.#now() + retryInMs;
    this.#options.onEvent?.({ type: 'disconnected', reason, retryInMs });
  }

  async #disconnect(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#timeouts = 0;
    await client?.destroy();
  }
}
