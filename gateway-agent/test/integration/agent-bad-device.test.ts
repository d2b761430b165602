import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent, databasePath } from '../../src/agent';
import { DeviceConfig, RegisterConfig } from '../../src/config/agent-config';
import { encodeRegisters } from '../../src/decoding/register-codec';
import { newFabricLedger } from '../../src/ledger/fabric-ledger';
import { openAgentDatabase } from '../../src/storage/agent-database';
import { Outbox } from '../../src/storage/outbox';
import { SampleStore } from '../../src/storage/sample-store';
import { answer, FakeModbusServer } from '../../src/testing/fake-modbus-server';
import { verifyPeriods } from '../../src/verify';
import { fileLogger, writeAgentConfig } from './support/agent-fixture';
import { ledgerRecords, registerFactory } from './support/ledger-fixture';
import { Cleanup } from './support/cleanup';
import { agentState, drainAndStop } from './support/scenario';
import { sleep, waitFor } from './support/wait';
import { testEnergyRegister } from '../../src/testing/fixtures';

const running: RegisterConfig = {
  name: 'running',
  table: 'holding',
  address: 0,
  type: 'uint16',
  scale: 1,
  offset: 0,
  role: 'runState',
};
const energy: RegisterConfig = { ...testEnergyRegister, table: 'holding', address: 1 };

function device(id: string, port: number, registers: RegisterConfig[]): DeviceConfig {
  return {
    id,
    description: '',
    connection: { type: 'tcp', host: '127.0.0.1', port, connectTimeoutMs: 1000 },
    unitId: 1,
    pollIntervalMs: 200,
    timeoutMs: 300,
    timeSource: 'agent',
    reconnect: { initialMs: 200, maxMs: 2000 },
    timeoutsBeforeReconnect: 3,
    maxReadGap: 0,
    registers,
  };
}

/**
 * A meter that reads NaN, ±Infinity and 3.4e38 for a while, and a device that accepts connections
 * but answers with the wrong function code: the agent logs what is wrong where, backs off from the
 * bad device, sends no energy figure for the meter's bad periods, and verify finds its own records
 * on the ledger unchanged.
 */
describe('agent: a device with implausible values and one that answers badly', () => {
  const cleanup = new Cleanup();
  afterAll(() => cleanup.run(), 300_000);

  it('records gaps, not numbers, and names device, request and register in its logs', async () => {
    const factory = await registerFactory(['meter', 'garbled']);
    cleanup.add(() => {
      factory.owner.close();
    });
    const [meterId, garbledId] = factory.deviceIds as [string, string];
    let reads = 0;
    const bad = [NaN, Infinity, 3.4e38, -Infinity];
    const meter = new FakeModbusServer((r) => {
      const k = reads++;
      const wh = k >= 10 && k < 30 && k % 2 === 0 ? (bad[(k / 2) % bad.length] ?? NaN) : 1000 + k;
      return answer(r, [1, ...encodeRegisters(wh, { type: 'float32', byteOrder: 'big', wordOrder: 'big' })]);
    });
    const garbled = new FakeModbusServer((r) => answer({ ...r, functionCode: 4 }, [1]));
    const meterPort = await meter.listen();
    const garbledPort = await garbled.listen();
    cleanup.add(() => meter.close());
    cleanup.add(() => garbled.close());

    const { config, dir } = writeAgentConfig({
      cleanup,
      factory,
      periodSeconds: 2,
      devices: [device(meterId, meterPort, [running, energy]), device(garbledId, garbledPort, [running])],
    });
    const logFile = join(dir, 'agent.log');
    const agent = new Agent({ config, logger: fileLogger(logFile), drainOnStopMs: 60_000 });
    const release = cleanup.add(() => agent.stop());
    await agent.start();
    const started = Date.now();
    await waitFor('40 reads of the meter', () => reads >= 40, 60_000);
    const seconds = (Date.now() - started) / 1000;
    const garbledPolls = garbled.requests;
    const garbledConnections = garbled.connections;
    await sleep(2500);
    await drainAndStop(agent);
    release();

    // the bad device: PROTOCOL, with the request and its registers, and ever longer waits between connections
    const logs = readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const failed = logs.filter((l) => l.msg === 'poll failed' && l.deviceId === garbledId);
    expect(failed[0]).toMatchObject({
      code: 'PROTOCOL',
      error: 'malformed answer: function code 4, expected 3',
      table: 'holding',
      address: 0,
      count: 1,
      registers: ['running'],
    });
    // polled every 200 ms, it was not reconnected for every poll: 200, 400, 800 ... 2000 ms between attempts,
    // and polls in between fail at once with CONNECTION (not connected; next attempt in ...)
    const state = agentState(config);
    expect(garbledPolls).toBe(garbledConnections);
    expect(garbledConnections).toBeLessThanOrEqual(4 + Math.ceil(seconds / 2));
    expect(state.failedPolls(garbledId, 'CONNECTION')).toBeGreaterThan(3 * garbledConnections);

    // the meter: a warning per bad run of values, naming device and register
    const refused = logs.filter((l) => l.deviceId === meterId && l.register === 'energy' && l.level === 40);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]?.msg).toMatch(/^reading of energy refused: \S+ (is not a finite number|is beyond)/);

    // the ledger: every record committed; energy a plausible number or absent, never null or huge
    expect(state.parked).toEqual([]);
    const records = await ledgerRecords(factory.owner, factory.enterpriseId, meterId);
    expect(records).toHaveLength(state.periods(meterId));
    const energies = records.map((r) => r.energyWh);
    expect(energies.some((e) => e === undefined)).toBe(true);
    expect(energies.filter((e) => e !== undefined).every((e) => typeof e === 'number' && e >= 0 && e < 100)).toBe(true);

    // verify: the agent's records on the ledger are what it sent
    const db = openAgentDatabase(databasePath(config));
    const ledger = newFabricLedger(config.fabric);
    try {
      const results = await verifyPeriods({
        store: new SampleStore(db),
        outbox: new Outbox(db),
        ledger,
        deviceId: meterId,
        from: 0,
        to: Date.UTC(9999, 0, 1),
      });
      expect(results.length).toBe(records.length);
      expect(results.filter((r) => r.status !== 'OK').map((r) => `${r.status} ${r.problems.join('; ')}`)).toEqual([]);
    } finally {
      ledger.close();
      db.close();
    }
  }, 600_000);
});
