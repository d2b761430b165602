import { DeviceConfig, RegisterConfig } from '../config/agent-config';
import { toProductionRecord } from '../ledger/production-record';
import { SampleStore } from '../storage/sample-store';

/**
 * A Modbus TCP device for tests: `press-1` at 127.0.0.1:5020, polled every second, counting good
 * parts in holding register 0 and showing whether it runs in coil 0. `overrides` replace whole fields.
 */
export function testDevice(overrides: Partial<DeviceConfig> = {}): DeviceConfig {
  return {
    id: 'press-1',
    description: '',
    connection: { type: 'tcp', host: '127.0.0.1', port: 5020, connectTimeoutMs: 1000 },
    unitId: 1,
    pollIntervalMs: 1000,
    timeoutMs: 500,
    timeSource: 'agent',
    reconnect: { initialMs: 100, maxMs: 1000 },
    timeoutsBeforeReconnect: 3,
    maxReadGap: 0,
    registers: [
      { name: 'good', table: 'holding', address: 0, type: 'uint16', scale: 1, offset: 0, role: 'goodCount' },
      { name: 'run', table: 'coil', address: 0, type: 'bool', scale: 1, offset: 0, role: 'runState' },
    ],
    ...overrides,
  };
}

/** An energy meter's reading for tests: a float32 in input registers 0-1, words and bytes big-endian. */
export const testEnergyRegister: RegisterConfig = {
  name: 'energy',
  table: 'input',
  address: 0,
  type: 'float32',
  byteOrder: 'big',
  wordOrder: 'big',
  scale: 1,
  offset: 0,
  role: 'energy',
};

/**
 * Closes `count` back-to-back 10-second periods of device `m-1` of enterprise `sme` from `start`
 * into `store` (and so into the outbox), without samples; period `i` produced `i` units.
 */
export function closeTestPeriods(store: SampleStore, start: number, count: number): void {
  for (let i = 0; i < count; i++) {
    const period = {
      start: start + i * 10_000,
      end: start + (i + 1) * 10_000,
      runSeconds: 10,
      idleSeconds: 0,
      downSeconds: 0,
      unitsProduced: i,
      unitsRejected: 0,
      faultCount: 0,
      sampleCount: 10,
    };
    store.closeWithoutSample('m-1', period, {}, (p, digest) => toProductionRecord('sme', 'm-1', p, digest));
  }
}
