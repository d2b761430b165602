import { ConnectionConfig } from '../config/agent-config';
import { Table } from '../decoding/data-type';
import { ModbusClient, ModbusClientFactory } from './modbus-client';
import { ModbusConnection, ReadRequest } from './modbus-connection';
import { malformedAnswer, ModbusError } from './modbus-error';

type Answer = number[] | Error | 'hang';

class FakeClient implements ModbusClient {
  readonly calls: { unitId: number; table: Table; address: number; count: number }[] = [];
  inFlight = 0;
  maxInFlight = 0;
  destroyed = false;
  #closeListeners: ((reason: string) => void)[] = [];

  constructor(private readonly answer: (unitId: number) => Answer) {}

  async read(unitId: number, table: Table, address: number, count: number): Promise<number[]> {
    this.calls.push({ unitId, table, address, count });
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await Promise.resolve();
    this.inFlight -= 1;
    const answer = this.answer(unitId);
    if (answer === 'hang') return new Promise<number[]>(() => undefined);
    if (answer instanceof Error) throw answer;
    return answer;
  }

  onClose(listener: (reason: string) => void): void {
    this.#closeListeners.push(listener);
  }

  close(reason: string): void {
    for (const l of this.#closeListeners) l(reason);
  }

  destroy(): Promise<void> {
    this.destroyed = true;
    return Promise.resolve();
  }
}

const tcp: ConnectionConfig = { type: 'tcp', host: '127.0.0.1', port: 5020, connectTimeoutMs: 1000 };
const request = (unitId = 1): ReadRequest => ({ unitId, table: 'holding', address: 0, count: 2, timeoutMs: 100 });
const timeout = () => Object.assign(new Error('Timed out'), { errno: 'ETIMEDOUT' });
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5020'), { code: 'ECONNREFUSED' });

function setup(opens: (() => FakeClient | Error)[]) {
  let clock = 1000;
  const clients: FakeClient[] = [];
  const events: string[] = [];
  const open: ModbusClientFactory = () => {
    const next = opens.shift();
    if (!next) throw new Error('unexpected connection attempt');
    const made = next();
    if (made instanceof Error) return Promise.reject(made);
    clients.push(made);
    return Promise.resolve(made);
  };
  const connection = new ModbusConnection({
    connection: tcp,
    open,
    reconnect: { initialMs: 100, maxMs: 400 },
    timeoutsBeforeReconnect: 2,
    now: () => clock,
    onEvent: (e) => events.push(e.type === 'connected' ? e.type : `${e.type} ${e.retryInMs}`),
  });
  return {
    connection,
    clients,
    events,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<ModbusError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ModbusError) return err;
    throw err;
  }
  throw new Error('request succeeded');
}

describe('ModbusConnection', () => {
  it('runs one request at a time on a connection', async () => {
    const { connection, clients } = setup([() => new FakeClient((unit) => [unit, 0])]);
    const results = await Promise.all([1, 2, 3, 4].map((unit) => connection.read(request(unit))));
    expect(results).toEqual([
      [1, 0],
      [2, 0],
      [3, 0],
      [4, 0],
    ]);
    expect(clients[0]!.maxInFlight).toBe(1);
    expect(clients[0]!.calls.map((c) => c.unitId)).toEqual([1, 2, 3, 4]);
  });

  it('backs off after a refused connection and fails fast until the next attempt is due', async () => {
    const { connection, events, advance } = setup([
      () => refused(),
      () => refused(),
      () => new FakeClient(() => [7, 7]),
    ]);
    expect((await failure(connection.read(request()))).message).toBe('connect ECONNREFUSED 127.0.0.1:5020');
    const waiting = await failure(connection.read(request()));
    expect(waiting.kind).toBe('CONNECTION');
    expect(waiting.message).toBe('not connected; next attempt in 100 ms');
    advance(100);
    await failure(connection.read(request()));
    advance(199);
    expect((await failure(connection.read(request()))).message).toBe('not connected; next attempt in 1 ms');
    advance(1);
    expect(await connection.read(request())).toEqual([7, 7]);
    expect(events).toEqual(['connect-failed 100', 'connect-failed 200', 'connected']);
  });

  it('keeps the connection while another unit on it answers, and reopens it after consecutive timeouts', async () => {
    const { connection, clients, events } = setup([
      () => new FakeClient((unit) => (unit === 2 ? timeout() : [1, 1])),
      () => new FakeClient(() => [2, 2]),
    ]);
    for (let i = 0; i < 3; i++) {
      expect(await connection.read(request(1))).toEqual([1, 1]);
      expect((await failure(connection.read(request(2)))).code).toBe('TIMEOUT');
    }
    expect(clients).toHaveLength(1);
    await failure(connection.read(request(2)));
    expect(clients[0]!.destroyed).toBe(true);
    expect(await connection.read(request(1))).toEqual([2, 2]);
    expect(events).toEqual(['connected', 'disconnected 0', 'connected']);
  });

  it('reports Modbus exceptions by name and keeps the connection', async () => {
    const { connection, clients } = setup([
      () => new FakeClient(() => Object.assign(new Error('Modbus exception 2'), { modbusCode: 2 })),
    ]);
    const err = await failure(connection.read(request()));
    expect([err.kind, err.code]).toEqual(['EXCEPTION', 'ILLEGAL_DATA_ADDRESS']);
    await failure(connection.read(request()));
    expect(clients).toHaveLength(1);
    expect(clients[0]!.destroyed).toBe(false);
  });

  it('fails the request in flight when the device closes the connection, then reconnects', async () => {
    const { connection, clients, events, advance } = setup([
      () => new FakeClient(() => 'hang'),
      () => new FakeClient(() => [3, 3]),
    ]);
    const pending = connection.read(request());
    await new Promise((resolve) => setImmediate(resolve));
    clients[0]!.close('connection closed by the device');
    const err = await failure(pending);
    expect([err.kind, err.message]).toEqual(['CONNECTION', 'connection closed by the device']);
    expect(connection.connected).toBe(false);
    expect((await failure(connection.read(request()))).message).toBe('not connected; next attempt in 100 ms');
    advance(100);
    expect(await connection.read(request())).toEqual([3, 3]);
    expect(events).toEqual(['connected', 'disconnected 100', 'connected']);
  });

  it('reopens a connection lost after good reads at once', async () => {
    const { connection, clients, events } = setup([
      () => new FakeClient(() => [1, 1]),
      () => new FakeClient(() => [2, 2]),
    ]);
    expect(await connection.read(request())).toEqual([1, 1]);
    clients[0]!.close('connection closed by the device');
    expect(await connection.read(request())).toEqual([2, 2]);
    expect(events).toEqual(['connected', 'disconnected 0', 'connected']);
  });

  it('drops the connection after a malformed answer', async () => {
    const { connection, clients, events } = setup([
      () => new FakeClient(() => malformedAnswer('function code 4, expected 3')),
      () => new FakeClient(() => [5, 5]),
    ]);
    const err = await failure(connection.read(request()));
    expect([err.code, err.message]).toEqual(['PROTOCOL', 'malformed answer: function code 4, expected 3']);
    expect(clients[0]!.destroyed).toBe(true);
    expect(events).toEqual(['connected', 'disconnected 100']);
  });

  it('backs off ever longer from a device that accepts connections but never answers properly', async () => {
    const badly = () => new FakeClient(() => malformedAnswer('transaction id 9, expected 1'));
    const { connection, events, advance } = setup([badly, badly, badly, badly, () => new FakeClient(() => [1, 1])]);
    const attempts: number[] = [];
    for (let ms = 0; ms < 1100; ms += 10) {
      const err = await failure(connection.read(request()));
      if (err.kind === 'PROTOCOL') attempts.push(ms);
      advance(10);
    }
    // 100, 200, 400, 400 ms (the ceiling) between attempts, not a reconnect per request
    expect(attempts).toEqual([0, 100, 300, 700]);
    expect(events.filter((e) => e !== 'connected')).toEqual([
      'disconnected 100',
      'disconnected 200',
      'disconnected 400',
      'disconnected 400',
    ]);
    expect(await connection.read(request())).toEqual([1, 1]);
  });

  it('resets the backoff only after a successful read', async () => {
    const { connection, clients, events, advance } = setup([
      () => new FakeClient(() => 'hang'),
      () => new FakeClient(() => 'hang'),
      () => new FakeClient(() => [1, 1]),
      () => new FakeClient(() => [2, 2]),
    ]);
    for (const wait of [0, 100, 200]) {
      advance(wait);
      const pending = connection.read(request());
      await new Promise((resolve) => setImmediate(resolve));
      if (clients.length < 3) {
        clients[clients.length - 1]!.close('connection reset');
        await failure(pending);
      } else {
        expect(await pending).toEqual([1, 1]);
      }
    }
    clients[2]!.close('connection reset');
    expect(await connection.read(request())).toEqual([2, 2]);
    expect(events.filter((e) => e !== 'connected')).toEqual(['disconnected 100', 'disconnected 200', 'disconnected 0']);
  });

  it('fails queued requests once closed', async () => {
    const { connection } = setup([() => new FakeClient(() => 'hang')]);
    const pending = connection.read(request());
    await new Promise((resolve) => setImmediate(resolve));
    await connection.close();
    expect((await failure(pending)).kind).toBe('CLOSED');
    expect((await failure(connection.read(request()))).kind).toBe('CLOSED');
  });
});
