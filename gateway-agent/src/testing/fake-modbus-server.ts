import { createServer, Server, Socket } from 'node:net';

/** A read request as the fake server received it. */
export type FakeRequest = Readonly<{
  transactionId: number;
  unitId: number;
  functionCode: number;
  address: number;
  count: number;
}>;

/** What the fake server sends for a request: raw bytes, nothing, or a closed connection. */
export type FakeReply = Buffer | 'silent' | 'close';

/** A correct answer to a read: register values as words, bit values as 0/1. */
export function answer(request: FakeRequest, values: readonly number[]): Buffer {
  const bits = request.functionCode === 1 || request.functionCode === 2;
  const data = Buffer.alloc(bits ? Math.ceil(values.length / 8) : values.length * 2);
  values.forEach((v, i) => {
    if (bits) data.writeUInt8((data.readUInt8(i >> 3) | ((v ? 1 : 0) << (i & 7))) & 0xff, i >> 3);
    else data.writeUInt16BE(v, i * 2);
  });
  return frame(
    request.transactionId,
    request.unitId,
    Buffer.concat([Buffer.from([request.functionCode, data.length]), data]),
  );
}

/** A Modbus exception answer. */
export function exceptionAnswer(request: FakeRequest, code: number): Buffer {
  return frame(request.transactionId, request.unitId, Buffer.from([request.functionCode | 0x80, code]));
}

/** An MBAP frame around a PDU; the length field is right unless given. */
export function frame(transactionId: number, unitId: number, pdu: Buffer, length = pdu.length + 1): Buffer {
  const header = Buffer.alloc(7);
  header.writeUInt16BE(transactionId, 0);
  header.writeUInt16BE(0, 2);
  header.writeUInt16BE(length, 4);
  header.writeUInt8(unitId, 6);
  return Buffer.concat([header, pdu]);
}

/**
 * A Modbus TCP server for tests that answers each read request with whatever `reply` returns,
 * including malformed answers. It counts the connections it accepted.
 */
export class FakeModbusServer {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  reply: (request: FakeRequest) => FakeReply;
  connections = 0;
  requests = 0;

  constructor(reply: (request: FakeRequest) => FakeReply) {
    this.reply = reply;
    this.#server = createServer((socket) => {
      this.connections += 1;
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
      socket.on('error', () => undefined);
      let buffer = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        buffer = Buffer.concat([buffer, chunk]);
        while (buffer.length >= 12) {
          const request: FakeRequest = {
            transactionId: buffer.readUInt16BE(0),
            unitId: buffer.readUInt8(6),
            functionCode: buffer.readUInt8(7),
            address: buffer.readUInt16BE(8),
            count: buffer.readUInt16BE(10),
          };
          buffer = buffer.subarray(12);
          this.requests += 1;
          const out = this.reply(request);
          if (out === 'close') socket.destroy();
          else if (out !== 'silent') socket.write(out);
        }
      });
    });
  }

  /** Listens on a free port of 127.0.0.1 and returns it. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => {
        const address = this.#server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  }

  close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    return new Promise((resolve) => {
      this.#server.close(() => {
        resolve();
      });
    });
  }
}
