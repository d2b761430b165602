import ModbusRTU from 'modbus-serial';
import { ConnectionConfig } from '../config/agent-config';
import { Table } from '../decoding/data-type';
import { openModbusTcpClient } from './modbus-tcp-client';

/** An open Modbus connection: the part of a modbus-serial client the agent uses, narrow to aid mocking. */
export interface ModbusClient {
  /** Reads `count` values from a table of one unit; bits come back as 0 or 1. */
  read(unitId: number, table: Table, address: number, count: number, timeoutMs: number): Promise<number[]>;
  /** Called once when the connection closes from the other side or fails. */
  onClose(listener: (reason: string) => void): void;
  /** Closes the connection and cancels what is pending. */
  destroy(): Promise<void>;
}

/** Opens a connection to a Modbus TCP host or RTU serial bus. */
export type ModbusClientFactory = (connection: ConnectionConfig, timeoutMs: number) => Promise<ModbusClient>;

/**
 * Connects to a Modbus device: TCP with the agent's own client, which checks the framing of every
 * answer (see {@link openModbusTcpClient}); RTU over a serial port with modbus-serial, which checks
 * each frame's CRC, length, unit and function code.
 */
export const openModbusClient: ModbusClientFactory = async (connection, timeoutMs) => {
  if (connection.type === 'tcp') return openModbusTcpClient(connection);
  const client = new ModbusRTU();
  client.setTimeout(timeoutMs);
  try {
    await client.connectRTUBuffered(connection.path, {
      baudRate: connection.baudRate,
      parity: connection.parity,
      stopBits: connection.stopBits,
      dataBits: connection.dataBits,
    });
  } catch (err) {
    await release(client, connection.type);
    throw err;
  }
  return new ModbusSerialClient(client, connection.type);
};

class ModbusSerialClient implements ModbusClient {
  readonly #client: ModbusRTU;
  readonly #type: ConnectionConfig['type'];
  readonly #closeListeners: ((reason: string) => void)[] = [];
  #closed = false;

  constructor(client: ModbusRTU, type: ConnectionConfig['type']) {
    this.#client = client;
    this.#type = type;
    client.on('close', () => {
      this.#notifyClose('connection closed by the device');
    });
    client.on('error', (err: unknown) => {
      this.#notifyClose(err instanceof Error ? err.message : String(err));
    });
  }

  async read(unitId: number, table: Table, address: number, count: number, timeoutMs: number): Promise<number[]> {
    this.#client.setID(unitId);
    this.#client.setTimeout(timeoutMs);
    switch (table) {
      case 'coil':
        return bits((await this.#client.readCoils(address, count)).data, count);
      case 'discrete':
        return bits((await this.#client.readDiscreteInputs(address, count)).data, count);
      case 'holding':
        return (await this.#client.readHoldingRegisters(address, count)).data;
      case 'input':
        return (await this.#client.readInputRegisters(address, count)).data;
    }
  }

  onClose(listener: (reason: string) => void): void {
    this.#closeListeners.push(listener);
  }

  async destroy(): Promise<void> {
    this.#closed = true;
    await release(this.#client, this.#type);
  }

  #notifyClose(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const listener of this.#closeListeners) listener(reason);
  }
}

function bits(data: readonly boolean[], count: number): number[] {
  return data.slice(0, count).map((b) => (b ? 1 : 0));
}

/**
 * Lets go of a client's port: a TCP socket is destroyed; a serial port is closed (modbus-serial's
 * serial ports have no destroy, and one left open keeps the device busy).
 */
function release(client: ModbusRTU, type: ConnectionConfig['type']): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 1000);
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    try {
      if (type === 'rtu') client.close(done);
      else client.destroy(done);
    } catch {
      done();
    }
  });
}
