import { connect, Socket } from 'node:net';
import { isBitTable, Table } from '../decoding/data-type';
import { ModbusClient } from './modbus-client';
import { exceptionError, malformedAnswer, ModbusError } from './modbus-error';

/** Where {@link openModbusTcpClient} connects. */
export type ModbusTcpEndpoint = Readonly<{ host: string; port: number; connectTimeoutMs: number }>;

/** Longest MBAP length field of a Modbus TCP answer: unit id plus a PDU of at most 253 bytes. */
export const MAX_MBAP_LENGTH = 254;

const FUNCTION_CODES: Readonly<Record<Table, number>> = { coil: 1, discrete: 2, holding: 3, input: 4 };
const HEADER = 7;
/** Transaction ids of timed-out requests whose late answers are dropped without complaint. */
const ABANDONED_KEPT = 16;

type Pending = Readonly<{
  transactionId: number;
  unitId: number;
  functionCode: number;
  count: number;
  bits: boolean;
  resolve: (values: number[]) => void;
  reject: (error: ModbusError) => void;
  timer: NodeJS.Timeout;
}>;

/**
 * Opens a Modbus TCP connection that checks every answer: protocol id, length field, transaction id,
 * unit id, function code and byte count. An answer that breaks any of them fails its request with
 * `PROTOCOL`; the bytes after it cannot be framed any more, so later reads fail the same way until the
 * owner drops the connection.
 * A late answer to a request that timed out is dropped.
 */
export function openModbusTcpClient(endpoint: ModbusTcpEndpoint): Promise<ModbusClient> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: endpoint.host, port: endpoint.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new ModbusError(
          'CONNECTION',
          `no connection to ${endpoint.host}:${endpoint.port} within ${endpoint.connectTimeoutMs} ms`,
        ),
      );
    }, endpoint.connectTimeoutMs);
    const failed = (err: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(err);
    };
    socket.once('error', failed);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.off('error', failed);
      socket.setNoDelay(true);
      resolve(new ModbusTcpClient(socket));
    });
  });
}

class ModbusTcpClient implements ModbusClient {
  readonly #socket: Socket;
  readonly #closeListeners: ((reason: string) => void)[] = [];
  readonly #abandoned: number[] = [];
  #buffer: Buffer = Buffer.alloc(0);
  #pending: Pending | undefined;
  #nextTransactionId = 1;
  #closed = false;
  /** Set after a malformed answer: the stream cannot be framed any more, the owner must drop it. */
  #unframed: string | undefined;
  #closeReason = 'connection closed by the device';

  constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.#receive(chunk);
    });
    socket.on('error', (err: Error) => {
      this.#closeReason = err.message;
    });
    socket.on('close', () => {
      this.#lost(this.#closeReason);
    });
  }

  read(unitId: number, table: Table, address: number, count: number, timeoutMs: number): Promise<number[]> {
    if (this.#closed) return Promise.reject(new ModbusError('CONNECTION', 'connection is closed'));
    if (this.#unframed !== undefined) return Promise.reject(malformedAnswer(this.#unframed));
    if (this.#pending) return Promise.reject(new Error('a request is already waiting for its answer'));
    const transactionId = this.#nextTransactionId;
    this.#nextTransactionId = (transactionId % 0xffff) + 1;
    const functionCode = FUNCTION_CODES[table];
    const request = Buffer.alloc(12);
    request.writeUInt16BE(transactionId, 0);
    request.writeUInt16BE(0, 2);
    request.writeUInt16BE(6, 4);
    request.writeUInt8(unitId, 6);
    request.writeUInt8(functionCode, 7);
    request.writeUInt16BE(address, 8);
    request.writeUInt16BE(count, 10);
    return new Promise<number[]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending = undefined;
        this.#abandoned.push(transactionId);
        if (this.#abandoned.length > ABANDONED_KEPT) this.#abandoned.shift();
        reject(new ModbusError('TIMEOUT', 'no answer within the timeout'));
      }, timeoutMs);
      this.#pending = { transactionId, unitId, functionCode, count, bits: isBitTable(table), resolve, reject, timer };
      this.#socket.write(request);
    });
  }

  onClose(listener: (reason: string) => void): void {
    this.#closeListeners.push(listener);
  }

  destroy(): Promise<void> {
    this.#closed = true;
    this.#fail(new ModbusError('CONNECTION', 'connection closed'));
    if (this.#socket.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      this.#socket.once('close', () => {
        resolve();
      });
      this.#socket.destroy();
    });
  }

  #receive(chunk: Buffer): void {
    if (this.#unframed !== undefined) return;
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    while (this.#buffer.length >= 6) {
      const protocolId = this.#buffer.readUInt16BE(2);
      const length = this.#buffer.readUInt16BE(4);
      if (protocolId !== 0) {
        this.#broken(`protocol id ${protocolId}, expected 0 (this is not Modbus TCP)`);
        return;
      }
      if (length < 2 || length > MAX_MBAP_LENGTH) {
        this.#broken(`length field ${length}, outside the 2 to ${MAX_MBAP_LENGTH} a Modbus answer can have`);
        return;
      }
      if (this.#buffer.length < 6 + length) return;
      const frame = this.#buffer.subarray(0, 6 + length);
      this.#buffer = this.#buffer.subarray(6 + length);
      if (!this.#answer(frame)) return;
    }
  }

  /** Handles one framed answer; false when the connection can no longer be used. */
  #answer(frame: Buffer): boolean {
    const transactionId = frame.readUInt16BE(0);
    const pending = this.#pending;
    if (pending?.transactionId !== transactionId) {
      const late = this.#abandoned.indexOf(transactionId);
      if (late >= 0) {
        this.#abandoned.splice(late, 1);
        return true;
      }
      this.#broken(
        pending
          ? `transaction id ${transactionId}, expected ${pending.transactionId}`
          : `transaction id ${transactionId} answers no request`,
      );
      return false;
    }
    const problem = checkAnswer(frame, pending);
    if (problem !== undefined) {
      this.#broken(problem);
      return false;
    }
    const functionCode = frame.readUInt8(HEADER);
    if (functionCode === (pending.functionCode | 0x80)) {
      this.#fail(exceptionError(frame.readUInt8(HEADER + 1)));
      return true;
    }
    this.#settle(pending, () => {
      pending.resolve(values(frame.subarray(HEADER + 2), pending));
    });
    return true;
  }

  /** The stream cannot be framed any more: fail the request in flight, or report the connection lost. */
  #broken(detail: string): void {
    this.#buffer = Buffer.alloc(0);
    if (this.#pending) {
      this.#unframed = detail;
      this.#fail(malformedAnswer(detail));
    } else {
      this.#lost(`malformed data with no request outstanding: ${detail}`);
    }
  }

  #fail(error: ModbusError): void {
    const pending = this.#pending;
    if (pending) {
      this.#settle(pending, () => {
        pending.reject(error);
      });
    }
  }

  #settle(pending: Pending, settle: () => void): void {
    clearTimeout(pending.timer);
    this.#pending = undefined;
    settle();
  }

  #lost(reason: string): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#fail(new ModbusError('CONNECTION', reason));
    this.#socket.destroy();
    for (const listener of this.#closeListeners) listener(reason);
  }
}

/** Why an answer with the right transaction id does not fit its request, or undefined when it does. */
function checkAnswer(frame: Buffer, pending: Pending): string | undefined {
  const length = frame.length - 6;
  const unitId = frame.readUInt8(6);
  const functionCode = frame.readUInt8(HEADER);
  if (unitId !== pending.unitId) return `unit id ${unitId}, expected ${pending.unitId}`;
  if (functionCode === (pending.functionCode | 0x80)) {
    return length === 3 ? undefined : `length field ${length} for an exception answer, expected 3`;
  }
  if (functionCode !== pending.functionCode) return `function code ${functionCode}, expected ${pending.functionCode}`;
  if (length < 3) return `length field ${length} leaves no room for a byte count`;
  const byteCount = frame.readUInt8(HEADER + 1);
  const expected = pending.bits ? Math.ceil(pending.count / 8) : pending.count * 2;
  if (byteCount !== expected) {
    return `byte count ${byteCount}, expected ${expected} for ${pending.count} ${pending.bits ? 'bits' : 'registers'}`;
  }
  if (length !== 3 + byteCount) return `length field ${length} does not match byte count ${byteCount}`;
  return undefined;
}

function values(data: Buffer, pending: Pending): number[] {
  const out: number[] = [];
  for (let i = 0; i < pending.count; i++) {
    out.push(pending.bits ? ((data[i >> 3] ?? 0) >> (i & 7)) & 1 : data.readUInt16BE(i * 2));
  }
  return out;
}
