import { ServerSerial } from 'modbus-serial';
import { DeviceConfig } from '../../src/config/agent-config';
import { loadAgentConfig } from '../../src/config/load-config';
import { decodeRegisters } from '../../src/decoding/register-codec';
import { ModbusDeviceSource } from '../../src/modbus/device-source';
import { openModbusClient } from '../../src/modbus/modbus-client';
import { ModbusConnection } from '../../src/modbus/modbus-connection';
import { Ai4iReplay } from '../../src/simulator/ai4i-replay';
import { readAi4i } from '../../src/simulator/ai4i-dataset';
import { RegisterBank } from '../../src/simulator/register-bank';
import { serviceVector } from '../../src/simulator/service-vector';
import { join } from 'node:path';
import { Cleanup } from './support/cleanup';
import { SerialPair } from './support/serial-pair';
import { sampleMachine } from './support/simulator-fixture';

/** Modbus RTU: two units on one serial bus (a pair of linked pseudo-terminals), read by the agent's source. */
describe('Modbus RTU over a serial line', () => {
  const cleanup = new Cleanup();
  afterAll(() => cleanup.run(), 300_000);

  it('reads two units on one bus one request at a time, and a silent unit affects only itself', async () => {
    const pair = new SerialPair();
    cleanup.add(() => {
      pair.close();
    });
    const [plcSide, agentSide] = await pair.paths;
    const machine = sampleMachine(1);
    const replay = new Ai4iReplay(readAi4i(machine.file, 1, 50), {
      cycleSeconds: 60,
      startTime: Date.parse(machine.startTime),
      loop: false,
      counterStart: 0,
    });
    const banks = new Map([1, 2].map((unit) => [unit, new RegisterBank(machine.registers)]));
    const publish = (): void => {
      for (const bank of banks.values()) bank.write(replay.signals());
    };
    for (let i = 0; i < 20; i++) replay.advance();
    publish();
    const muted = new Set<number>();
    await new Promise<void>((resolve, reject) => {
      const server = new ServerSerial(serviceVector({ units: banks, muted: (u) => muted.has(u) }), {
        path: plcSide,
        baudRate: 19200,
        parity: 'even',
        unitID: 255,
      });
      cleanup.add(
        () =>
          new Promise<void>((done) => {
            server.close(() => {
              done();
            });
          }),
      );
      server.on('initialized', () => {
        resolve();
      });
      server.on('error', (err: Error | null) => {
        reject(err ?? new Error('serial server error'));
      });
    });

    const sample = loadAgentConfig(join(__dirname, '..', '..', 'config', 'agent.yaml'), { checkFiles: false })
      .devices[0]!;
    const rtu = {
      type: 'rtu' as const,
      path: agentSide,
      baudRate: 19200,
      parity: 'even' as const,
      stopBits: 1 as const,
      dataBits: 8 as const,
    };
    const connection = new ModbusConnection({
      connection: rtu,
      open: openModbusClient,
      reconnect: { initialMs: 50, maxMs: 200 },
      timeoutsBeforeReconnect: 3,
    });
    cleanup.add(() => connection.close());
    const device = (id: string, unitId: number): DeviceConfig => ({
      ...sample,
      id,
      unitId,
      connection: rtu,
      timeoutMs: 300,
    });
    const one = new ModbusDeviceSource({ device: device('unit-1', 1), connection });
    const two = new ModbusDeviceSource({ device: device('unit-2', 2), connection });

    const goodParts = (words: readonly number[]) =>
      decodeRegisters(words, { type: 'uint32', byteOrder: 'big', wordOrder: 'little' });
    const [a, b] = await Promise.all([one.poll(), two.poll()]);
    expect([a.error, b.error]).toEqual([undefined, undefined]);
    expect(goodParts(a.sample.words!.good_parts!)).toBe(replay.signals().goodParts);
    expect(goodParts(b.sample.words!.good_parts!)).toBe(replay.stats().goodParts);

    muted.add(2);
    for (let i = 0; i < 4; i++) {
      replay.advance();
      publish();
      const [first, second] = await Promise.all([one.poll(), two.poll()]);
      expect(first.error).toBeUndefined();
      expect(goodParts(first.sample.words!.good_parts!)).toBe(replay.signals().goodParts);
      expect(second.sample.error).toBe('TIMEOUT');
    }
    expect(connection.connected).toBe(true);
    muted.delete(2);
    expect((await two.poll()).error).toBeUndefined();
  });
});
