import { DeviceRecorder } from './aggregation/device-recorder';
import { encodeRegisters } from './decoding/register-codec';
import { ProductionRecord } from './ledger/production-record';
import { openAgentDatabase } from './storage/agent-database';
import { Outbox } from './storage/outbox';
import { SampleStore } from './storage/sample-store';
import { FakeLedger } from './testing/fake-ledger';
import { testDevice, testEnergyRegister } from './testing/fixtures';
import { verifyPeriods } from './verify';

const T0 = Date.UTC(2024, 0, 1);
const device = testDevice();

async function setup() {
  const db = openAgentDatabase(':memory:');
  const store = new SampleStore(db);
  const outbox = new Outbox(db);
  const recorder = new DeviceRecorder({ enterpriseId: 'sme', device, periodSeconds: 10, store });
  for (let s = 0; s <= 30; s += 2)
    recorder.record({ deviceId: 'press-1', t: T0 + s * 1000, words: { good: [s], run: [1] } });
  const ledger = new FakeLedger();
  const [first, second] = outbox.pending(2);
  await ledger.submitRecords([first!.record, second!.record]);
  outbox.committed([first!, second!], 'tx-1');
  return { db, store, outbox, ledger };
}

describe('verifyPeriods', () => {
  it('checks each stored period against its samples and the ledger', async () => {
    const { store, outbox, ledger } = await setup();
    const [third] = outbox.pending(1);
    ledger.stored.set(`press-1/${third!.record.periodStart}`, { ...third!.record, unitsProduced: 99 });
    const results = await verifyPeriods({ store, outbox, ledger, deviceId: 'press-1', from: T0, to: T0 + 3_600_000 });
    expect(results.map((r) => [r.periodStart, r.status, r.sampleLines, r.problems])).toEqual([
      ['2024-01-01T00:00:00.000Z', 'OK', 5, []],
      ['2024-01-01T00:00:10.000Z', 'OK', 5, []],
      ['2024-01-01T00:00:20.000Z', 'MISMATCH', 5, ['unitsProduced: local 10, ledger 99']],
    ]);
  });

  it('compares only the record once the samples were pruned', async () => {
    const { store, outbox, ledger } = await setup();
    expect(store.pruneCommitted(T0 + 10_000)).toBe(5);
    const results = await verifyPeriods({ store, outbox, ledger, deviceId: 'press-1', from: T0, to: T0 + 3_600_000 });
    expect(results.map((r) => [r.status, r.sampleLines])).toEqual([
      ['NO_SAMPLES', 0],
      ['OK', 5],
      ['PENDING', 5],
    ]);
  });

  it('finds no mismatch in the records of a meter that read NaN, +Infinity or 3.4e38', async () => {
    const meter = testDevice({ registers: [...device.registers, testEnergyRegister] });
    const db = openAgentDatabase(':memory:');
    const store = new SampleStore(db);
    const outbox = new Outbox(db);
    const recorder = new DeviceRecorder({ enterpriseId: 'sme', device: meter, periodSeconds: 10, store });
    const readings = [100, NaN, 120, 130, Infinity, 150, 3.4e38, 0, 3.4e38, 170];
    readings.forEach((wh, i) => {
      const energy = encodeRegisters(wh, { type: 'float32', byteOrder: 'big', wordOrder: 'big' });
      recorder.record({ deviceId: 'press-1', t: T0 + i * 4000, words: { good: [i], run: [1], energy } });
    });
    const sent = outbox.pending(10);
    expect(sent.map((e) => e.record.energyWh)).toEqual([undefined, undefined, undefined]);
    expect(sent.every((e) => !('energyWh' in e.record))).toBe(true);
    // the ledger keeps what arrives as JSON
    const ledger = new FakeLedger();
    await ledger.submitRecords(sent.map((e) => JSON.parse(JSON.stringify(e.record)) as ProductionRecord));
    outbox.committed(sent, 'tx-1');
    const results = await verifyPeriods({ store, outbox, ledger, deviceId: 'press-1', from: T0, to: T0 + 3_600_000 });
    expect(results.map((r) => [r.status, r.problems])).toEqual([
      ['OK', []],
      ['OK', []],
      ['OK', []],
    ]);
  });

  it('takes an energyWh of null stored by an older agent as the absent field the ledger keeps', async () => {
    const { db, store, outbox, ledger } = await setup();
    const [first] = store.periods('press-1', T0, T0 + 1);
    const withNull = { ...first!.record, energyWh: null };
    db.prepare('UPDATE periods SET record = ? WHERE period_start = ?').run(JSON.stringify(withNull), T0);
    ledger.stored.set(`press-1/${first!.record.periodStart}`, { ...first!.record, energyWh: 5 });
    const [checked] = await verifyPeriods({ store, outbox, ledger, deviceId: 'press-1', from: T0, to: T0 + 1 });
    expect(checked?.problems).toEqual(['energyWh: local absent, ledger 5']);
    ledger.stored.set(`press-1/${first!.record.periodStart}`, first!.record);
    const [again] = await verifyPeriods({ store, outbox, ledger, deviceId: 'press-1', from: T0, to: T0 + 1 });
    expect([again?.status, again?.problems]).toEqual(['OK', []]);
  });

  it('reports periods still in the outbox, and samples changed after closing', async () => {
    const { db, store, outbox, ledger } = await setup();
    db.prepare("UPDATE samples SET line = replace(line, '[0]', '[1]') WHERE t = ?").run(T0);
    const results = await verifyPeriods({ store, outbox, ledger, deviceId: 'press-1', from: T0, to: T0 + 3_600_000 });
    expect(results.map((r) => r.status)).toEqual(['SAMPLES_CHANGED', 'OK', 'PENDING']);
  });
});
