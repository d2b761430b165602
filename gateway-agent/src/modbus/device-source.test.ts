import { DeviceConfig } from '../config/agent-config';
import { answer, exceptionAnswer, FakeModbusServer, frame } from '../testing/fake-modbus-server';
import { testDevice } from '../testing/fixtures';
import { ModbusDeviceSource } from './device-source';
import { openModbusClient } from './modbus-client';
import { ModbusConnection } from './modbus-connection';

function device(port: number): DeviceConfig {
  return testDevice({
    id: 'dev-1',
    connection: { type: 'tcp', host: '127.0.0.1', port, connectTimeoutMs: 1000 },
    timeoutMs: 300,
    registers: [
      { name: 'good', table: 'holding', address: 0, type: 'uint16', scale: 1, offset: 0, role: 'goodCount' },
      { name: 'running', table: 'holding', address: 1, type: 'uint16', scale: 1, offset: 0, role: 'runState' },
      { name: 'wear', table: 'input', address: 500, type: 'uint16', scale: 1, offset: 0, role: 'measurement' },
    ],
  });
}

describe('ModbusDeviceSource over Modbus TCP', () => {
  let server: FakeModbusServer;
  let connection: ModbusConnection;
  let source: ModbusDeviceSource;

  beforeEach(async () => {
    server = new FakeModbusServer((r) =>
      answer(
        r,
        Array.from({ length: r.count }, () => 1),
      ),
    );
    const port = await server.listen();
    const d = device(port);
    connection = new ModbusConnection({
      connection: d.connection,
      open: openModbusClient,
      reconnect: d.reconnect,
      timeoutsBeforeReconnect: d.timeoutsBeforeReconnect,
    });
    source = new ModbusDeviceSource({ device: d, connection });
  });

  afterEach(async () => {
    await connection.close();
    await server.close();
  });

  it('reads every register in one poll', async () => {
    const { sample, error } = await source.poll();
    expect(error).toBeUndefined();
    expect(sample.words).toEqual({ good: [1], running: [1], wear: [1] });
  });

  it('names the request and the registers a poll failed on', async () => {
    server.reply = (r) => (r.functionCode === 4 ? exceptionAnswer(r, 2) : answer(r, [5, 1]));
    const { sample, error, failedRead } = await source.poll();
    expect([sample.error, error?.message]).toEqual([
      'ILLEGAL_DATA_ADDRESS',
      'device answered ILLEGAL_DATA_ADDRESS (exception 2)',
    ]);
    expect(failedRead).toEqual({ table: 'input', address: 500, count: 1, registers: ['wear'] });
  });

  it.each([
    ['garbage bytes', () => Buffer.from('\x00\x01garbage garbage garbage')],
    ['a wrong function code', (r: Parameters<typeof answer>[0]) => answer({ ...r, functionCode: 4 }, [1, 1])],
    ['a wrong byte count', (r: Parameters<typeof answer>[0]) => frame(r.transactionId, 1, Buffer.from([3, 2, 0, 1]))],
    [
      'a wrong transaction id',
      (r: Parameters<typeof answer>[0]) => answer({ ...r, transactionId: r.transactionId + 1 }, [1, 1]),
    ],
    [
      'an MBAP length of 65535',
      (r: Parameters<typeof answer>[0]) => frame(r.transactionId, 1, Buffer.from([3, 4, 0, 1, 0, 1]), 65535),
    ],
  ])('gives PROTOCOL, not TIMEOUT or CONNECTION, for %s', async (_case, reply) => {
    server.reply = reply;
    const started = Date.now();
    const { sample, error, failedRead } = await source.poll();
    expect(sample.error).toBe('PROTOCOL');
    expect(error?.message).toMatch(/^malformed answer: [a-z]/);
    expect(failedRead).toEqual({ table: 'holding', address: 0, count: 2, registers: ['good', 'running'] });
    expect(Date.now() - started).toBeLessThan(300);
  });

  it('does not reconnect on every poll to a device that accepts connections but answers badly', async () => {
    server.reply = (r) => answer({ ...r, functionCode: 4 }, [1, 1]);
    const until = Date.now() + 1000;
    let polls = 0;
    while (Date.now() < until) {
      await source.poll();
      polls += 1;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // backoff 100, 200, 400 ms: four connections in the first second, however often it is polled
    expect(polls).toBeGreaterThan(20);
    expect(server.connections).toBeLessThanOrEqual(4);
    server.reply = (r) =>
      answer(
        r,
        Array.from({ length: r.count }, () => 2),
      );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await source.poll()).sample.words).toEqual({ good: [2], running: [2], wear: [2] });
  });
});
