import {
  answer,
  exceptionAnswer,
  FakeModbusServer,
  FakeReply,
  FakeRequest,
  frame,
} from '../testing/fake-modbus-server';
import { ModbusClient } from './modbus-client';
import { ModbusError, toModbusError } from './modbus-error';
import { openModbusTcpClient } from './modbus-tcp-client';

async function failure(promise: Promise<unknown>): Promise<ModbusError> {
  try {
    await promise;
  } catch (err) {
    return toModbusError(err);
  }
  throw new Error('request succeeded');
}

describe('openModbusTcpClient', () => {
  let server: FakeModbusServer;
  let client: ModbusClient | undefined;
  let port: number;

  async function connect(reply: (request: FakeRequest) => FakeReply): Promise<ModbusClient> {
    server.reply = reply;
    client = await openModbusTcpClient({ host: '127.0.0.1', port, connectTimeoutMs: 1000 });
    return client;
  }

  beforeEach(async () => {
    server = new FakeModbusServer(() => 'silent');
    port = await server.listen();
  });

  afterEach(async () => {
    await client?.destroy();
    client = undefined;
    await server.close();
  });

  it('reads registers and bits of each table', async () => {
    const c = await connect((r) =>
      answer(r, r.functionCode <= 2 ? [1, 0, 1, 1, 0, 0, 0, 0, 1].slice(0, r.count) : [r.address, 65535]),
    );
    expect(await c.read(1, 'holding', 7, 2, 500)).toEqual([7, 65535]);
    expect(await c.read(1, 'input', 3, 2, 500)).toEqual([3, 65535]);
    expect(await c.read(1, 'coil', 0, 9, 500)).toEqual([1, 0, 1, 1, 0, 0, 0, 0, 1]);
    expect(await c.read(1, 'discrete', 0, 3, 500)).toEqual([1, 0, 1]);
  });

  it('names Modbus exceptions and keeps reading', async () => {
    const c = await connect((r) => (r.address === 500 ? exceptionAnswer(r, 2) : answer(r, [1])));
    const err = await failure(c.read(1, 'holding', 500, 1, 500));
    expect([err.kind, err.code, err.message]).toEqual([
      'EXCEPTION',
      'ILLEGAL_DATA_ADDRESS',
      'device answered ILLEGAL_DATA_ADDRESS (exception 2)',
    ]);
    expect(await c.read(1, 'holding', 0, 1, 500)).toEqual([1]);
  });

  it.each<[string, (r: FakeRequest) => Buffer, string]>([
    [
      'garbage bytes',
      () => Buffer.from('hello, this is not Modbus\r\n'),
      'protocol id 27756, expected 0 (this is not Modbus TCP)',
    ],
    [
      'a wrong transaction id',
      (r) => answer({ ...r, transactionId: r.transactionId + 7 }, [1, 2]),
      'transaction id 8, expected 1',
    ],
    [
      'an MBAP length of 65535',
      (r) => frame(r.transactionId, r.unitId, Buffer.from([3, 4, 0, 1, 0, 2]), 65535),
      'length field 65535, outside the 2 to 254 a Modbus answer can have',
    ],
    [
      'a wrong byte count',
      (r) => frame(r.transactionId, r.unitId, Buffer.from([3, 6, 0, 1, 0, 2])),
      'byte count 6, expected 4 for 2 registers',
    ],
    [
      'a length field that disagrees with the byte count',
      (r) => frame(r.transactionId, r.unitId, Buffer.from([3, 4, 0, 1, 0, 2, 0, 0])),
      'length field 9 does not match byte count 4',
    ],
    ['a wrong function code', (r) => answer({ ...r, functionCode: 4 }, [1, 2]), 'function code 4, expected 3'],
    ['a wrong unit id', (r) => answer({ ...r, unitId: 9 }, [1, 2]), 'unit id 9, expected 1'],
  ])('fails with PROTOCOL on %s, at once and in plain words', async (_case, reply, detail) => {
    const c = await connect(reply);
    const started = Date.now();
    const err = await failure(c.read(1, 'holding', 0, 2, 2000));
    expect([err.kind, err.code, err.message]).toEqual(['PROTOCOL', 'PROTOCOL', `malformed answer: ${detail}`]);
    expect(Date.now() - started).toBeLessThan(1000);
    // what follows cannot be framed: later reads fail the same way until the connection is dropped
    expect((await failure(c.read(1, 'holding', 0, 2, 2000))).kind).toBe('PROTOCOL');
  });

  it('times out on silence and drops the late answer to the request that timed out', async () => {
    let late: Buffer | undefined;
    const c = await connect((r) => {
      if (r.transactionId === 1) {
        late = answer(r, [111]);
        return 'silent';
      }
      return Buffer.concat([late ?? Buffer.alloc(0), answer(r, [222])]);
    });
    expect((await failure(c.read(1, 'holding', 0, 1, 100))).kind).toBe('TIMEOUT');
    expect(await c.read(1, 'holding', 0, 1, 500)).toEqual([222]);
  });

  it('reports a connection closed by the device, failing the read in flight', async () => {
    const c = await connect(() => 'close');
    const reasons: string[] = [];
    c.onClose((reason) => reasons.push(reason));
    const err = await failure(c.read(1, 'holding', 0, 1, 2000));
    expect([err.kind, err.message]).toEqual(['CONNECTION', 'connection closed by the device']);
    expect(reasons).toEqual(['connection closed by the device']);
  });

  it('rejects a refused connection with the socket error', async () => {
    await server.close();
    const err = await failure(openModbusTcpClient({ host: '127.0.0.1', port, connectTimeoutMs: 1000 }));
    expect([err.kind, err.message]).toEqual(['CONNECTION', `connect ECONNREFUSED 127.0.0.1:${port}`]);
    server = new FakeModbusServer(() => 'silent');
    await server.listen();
  });
});
