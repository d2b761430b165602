import pino from 'pino';
import { DeviceRecorder } from '../aggregation/device-recorder';
import { encodeRegisters } from '../decoding/register-codec';
import { PollResult, SampleSource } from '../modbus/device-source';
import { ModbusError } from '../modbus/modbus-error';
import { AgentMetrics } from '../ops/agent-metrics';
import { openAgentDatabase } from '../storage/agent-database';
import { Outbox } from '../storage/outbox';
import { SampleStore } from '../storage/sample-store';
import { testDevice, testEnergyRegister } from '../testing/fixtures';
import { DevicePoller } from './device-poller';

const T0 = Date.UTC(2024, 0, 1);
const device = testDevice();

class ScriptedSource implements SampleSource {
  readonly deviceId = 'press-1';
  constructor(private readonly results: PollResult[]) {}
  poll(): Promise<PollResult> {
    const next = this.results.shift();
    if (!next) throw new Error('no more polls');
    return Promise.resolve(next);
  }
}

describe('DevicePoller', () => {
  it('records good and failed polls, reports status and metrics, and hands closed periods on', async () => {
    const db = openAgentDatabase(':memory:');
    const store = new SampleStore(db);
    const metrics = new AgentMetrics();
    const closed: string[] = [];
    const timeout = new ModbusError('TIMEOUT', 'no answer within the timeout');
    const poller = new DevicePoller({
      source: new ScriptedSource([
        { sample: { deviceId: 'press-1', t: T0, words: { good: [1], run: [1] } } },
        { sample: { deviceId: 'press-1', t: T0 + 1000, error: 'TIMEOUT' }, error: timeout },
        { sample: { deviceId: 'press-1', t: T0 + 2000, error: 'TIMEOUT' }, error: timeout },
        { sample: { deviceId: 'press-1', t: T0 + 10_000, words: { good: [4], run: [1] } } },
      ]),
      recorder: new DeviceRecorder({ enterpriseId: 'sme', device, periodSeconds: 10, store }),
      intervalMs: 1000,
      logger: pino({ level: 'silent' }),
      metrics,
      onClosed: (records) => closed.push(...records.map((r) => r.periodStart)),
    });
    await poller.pollOnce();
    await poller.pollOnce();
    await poller.pollOnce();
    expect(poller.status()).toEqual({
      deviceId: 'press-1',
      up: false,
      lastPollAt: '2024-01-01T00:00:02.000Z',
      lastGoodAt: '2024-01-01T00:00:00.000Z',
      consecutiveFailures: 2,
      lastError: 'TIMEOUT: no answer within the timeout',
      openPeriodStart: '2024-01-01T00:00:00.000Z',
    });
    await poller.pollOnce();
    expect(poller.status()).toMatchObject({
      up: true,
      consecutiveFailures: 0,
      openPeriodStart: '2024-01-01T00:00:10.000Z',
    });
    expect(closed).toEqual(['2024-01-01T00:00:00.000Z']);
    expect(new Outbox(db).pending(10)[0]?.record).toMatchObject({ unitsProduced: 3, sampleCount: 1 });
    const text = await metrics.registry.metrics();
    expect(text).toContain('scc_agent_polls_total{device="press-1",result="error"} 2');
    expect(text).toContain('scc_agent_poll_errors_total{device="press-1",code="TIMEOUT"} 2');
    expect(text).toContain('scc_agent_periods_closed_total{device="press-1"} 1');
    expect(text).toContain('scc_agent_device_up{device="press-1"} 1');
  });

  it('warns, naming the register, when a value is refused, and counts it', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line) as never) });
    const metrics = new AgentMetrics();
    const meter = testDevice({ registers: [...device.registers, testEnergyRegister] });
    const nan = encodeRegisters(NaN, { type: 'float32', byteOrder: 'big', wordOrder: 'big' });
    const poller = new DevicePoller({
      source: new ScriptedSource(
        [0, 1, 2].map((i) => ({
          sample: { deviceId: 'press-1', t: T0 + i * 1000, words: { good: [i], run: [1], energy: nan } },
        })),
      ),
      recorder: new DeviceRecorder({
        enterpriseId: 'sme',
        device: meter,
        periodSeconds: 10,
        store: new SampleStore(openAgentDatabase(':memory:')),
      }),
      intervalMs: 1000,
      logger: logger.child({ deviceId: 'press-1' }),
      metrics,
    });
    for (let i = 0; i < 3; i++) await poller.pollOnce();
    const refused = lines.filter((l) => l.register === 'energy');
    expect(refused.map((l) => l.level)).toEqual([40, 20, 20]);
    expect(refused[0]).toMatchObject({
      deviceId: 'press-1',
      register: 'energy',
      role: 'energy',
      value: 'NaN',
      msg: 'reading of energy refused: NaN is not a finite number; energy of the period is left out',
    });
    expect(await metrics.registry.metrics()).toContain(
      'scc_agent_readings_refused_total{device="press-1",register="energy"} 3',
    );
  });

  it('logs and reports the request and the registers a poll failed on', async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line) as never) });
    const poller = new DevicePoller({
      source: new ScriptedSource([
        {
          sample: { deviceId: 'press-1', t: T0, error: 'ILLEGAL_DATA_ADDRESS' },
          error: new ModbusError('EXCEPTION', 'device answered ILLEGAL_DATA_ADDRESS (exception 2)', {
            exceptionCode: 2,
          }),
          failedRead: { table: 'holding', address: 4, count: 2, registers: ['good', 'rejects'] },
        },
      ]),
      recorder: new DeviceRecorder({
        enterpriseId: 'sme',
        device,
        periodSeconds: 10,
        store: new SampleStore(openAgentDatabase(':memory:')),
      }),
      intervalMs: 1000,
      logger: logger.child({ deviceId: 'press-1' }),
    });
    await poller.pollOnce();
    expect(lines.find((l) => l.msg === 'poll failed')).toMatchObject({
      level: 40,
      deviceId: 'press-1',
      code: 'ILLEGAL_DATA_ADDRESS',
      error: 'device answered ILLEGAL_DATA_ADDRESS (exception 2)',
      table: 'holding',
      address: 4,
      count: 2,
      registers: ['good', 'rejects'],
    });
    expect(poller.status().lastError).toBe(
      'ILLEGAL_DATA_ADDRESS: device answered ILLEGAL_DATA_ADDRESS (exception 2) (reading holding 4+2: good, rejects)',
    );
  });
});
