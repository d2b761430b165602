import { DeviceConfig } from '../../src/config/agent-config';
import { loadAgentConfig } from '../../src/config/load-config';
import { decodeRegisters, scaleValue } from '../../src/decoding/register-codec';
import { ModbusDeviceSource } from '../../src/modbus/device-source';
import { openModbusClient } from '../../src/modbus/modbus-client';
import { ModbusConnection } from '../../src/modbus/modbus-connection';
import { PlcSimulator } from '../../src/simulator/plc-simulator';
import { freePort } from './support/ports';
import { sampleMachine, simulatorConfig } from './support/simulator-fixture';
import { join } from 'node:path';

/** Every register of the sample agent file, read over real TCP from the simulator replaying real rows. */
describe('Modbus over TCP against the PLC simulator', () => {
  let port: number;
  let simulator: PlcSimulator;
  let connection: ModbusConnection;
  const devices = loadAgentConfig(join(__dirname, '..', '..', 'config', 'agent.yaml'), { checkFiles: false }).devices;
  const device = (id: string, overrides: Partial<DeviceConfig> = {}): DeviceConfig => {
    const d = devices.find((x) => x.id === id);
    if (!d) throw new Error(id);
    return { ...d, connection: { type: 'tcp', host: '127.0.0.1', port, connectTimeoutMs: 1000 }, ...overrides };
  };

  beforeEach(async () => {
    port = await freePort();
    simulator = new PlcSimulator({
      config: simulatorConfig(port, [
        sampleMachine(1, { startPaused: true, rows: { first: 1, count: 100 } }),
        sampleMachine(2, { startPaused: true, rows: { first: 5001, count: 1000 } }),
        sampleMachine(3, { startPaused: true, rows: { first: 1, count: 10 } }),
      ]),
    });
    await simulator.start();
    connection = new ModbusConnection({
      connection: { type: 'tcp', host: '127.0.0.1', port, connectTimeoutMs: 1000 },
      open: openModbusClient,
      reconnect: { initialMs: 50, maxMs: 200 },
      timeoutsBeforeReconnect: 3,
    });
  });

  afterEach(async () => {
    await connection.close();
    await simulator.stop();
  });

  it('decodes every type and order of the register map to the replayed values', async () => {
    simulator.step(1, 77); // 77 parts done: row 78 is being machined
    simulator.step(2, 600); // its 16-bit counters start at 65000 and wrap
    for (const [id, unit] of [
      ['mill-1', 1],
      ['mill-2', 2],
      ['steel-meter', 3],
    ] as const) {
      const d = device(id);
      const { sample, error } = await new ModbusDeviceSource({ device: d, connection }).poll();
      expect(error).toBeUndefined();
      const signals = simulator.signals(unit);
      const bySignal: Record<string, string> = {
        clock: 'clock',
        running: 'runState',
        fault: 'faultCode',
        good_parts: 'goodParts',
        rejected_parts: 'rejectedParts',
        failures: 'failures',
        air_temperature: 'airTemperatureK',
        process_temperature: 'processTemperatureK',
        spindle_rpm: 'rotationalSpeedRpm',
        torque: 'torqueNm',
        tool_wear: 'toolWearMin',
        load_level: 'loadLevel',
        energy: 'energyWh',
        lag_reactive_varh: 'lagReactiveVarh',
        power_factor: 'lagPowerFactor',
      };
      for (const r of d.registers) {
        const raw = decodeRegisters(sample.words![r.name]!, {
          type: r.type,
          byteOrder: r.byteOrder ?? 'big',
          wordOrder: r.wordOrder ?? 'big',
        });
        const expected = signals[bySignal[r.name]!]!;
        const value = scaleValue(raw, r.scale, r.offset);
        if (r.type === 'float32') expect(value).toBeCloseTo(expected, 3);
        else if (r.scale !== 1) expect(value).toBeCloseTo(expected, 6);
        else expect(value).toBe(r.type === 'uint16' ? expected % 65536 : expected);
      }
    }
    const mill1 = simulator.stats().find((s) => s.unitId === 1)!;
    expect(mill1.goodParts + mill1.rejectedParts).toBe(77);
    expect(simulator.signals(2).goodParts).toBeGreaterThan(65535);
  });

  it('reports Modbus exceptions by name', async () => {
    const unmapped = device('mill-1', {
      registers: [
        { name: 'nothing', table: 'holding', address: 500, type: 'uint16', scale: 1, offset: 0, role: 'runState' },
      ],
    });
    const missingUnit = device('mill-1', { unitId: 9 });
    const a = await new ModbusDeviceSource({ device: unmapped, connection }).poll();
    const b = await new ModbusDeviceSource({ device: missingUnit, connection }).poll();
    expect([a.sample.error, a.error?.message]).toEqual([
      'ILLEGAL_DATA_ADDRESS',
      'device answered ILLEGAL_DATA_ADDRESS (exception 2)',
    ]);
    expect(b.sample.error).toBe('GATEWAY_TARGET_DEVICE_FAILED_TO_RESPOND');
    expect(connection.connected).toBe(true);
  });

  it('keeps reading a unit while another unit on the same connection is silent', async () => {
    const mill1 = new ModbusDeviceSource({ device: device('mill-1', { timeoutMs: 200 }), connection });
    const mill2 = new ModbusDeviceSource({ device: device('mill-2', { timeoutMs: 200 }), connection });
    simulator.mute(2, true);
    for (let i = 0; i < 5; i++) {
      simulator.step(1);
      const [one, two] = await Promise.all([mill1.poll(), mill2.poll()]);
      expect(one.error).toBeUndefined();
      expect(two.sample.error).toBe('TIMEOUT');
    }
    simulator.mute(2, false);
    expect((await mill2.poll()).error).toBeUndefined();
    expect(connection.connected).toBe(true);
  });

  it('reconnects by itself after the PLC restarts', async () => {
    const mill1 = new ModbusDeviceSource({ device: device('mill-1'), connection });
    expect((await mill1.poll()).error).toBeUndefined();
    await simulator.stopServer();
    const down = await mill1.poll();
    expect(down.error?.kind).toBe('CONNECTION');
    const refused = await mill1.poll();
    expect(refused.error?.kind).toBe('CONNECTION');
    await simulator.startServer();
    let again = await mill1.poll();
    for (let i = 0; i < 50 && again.error; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      again = await mill1.poll();
    }
    expect(again.error).toBeUndefined();
    expect(connection.connected).toBe(true);
  });
});
