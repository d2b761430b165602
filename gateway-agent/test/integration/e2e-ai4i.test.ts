import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent } from '../../src/agent';
import { newFabricLedger } from '../../src/ledger/fabric-ledger';
import { openAgentDatabase } from '../../src/storage/agent-database';
import { Outbox } from '../../src/storage/outbox';
import { SampleStore } from '../../src/storage/sample-store';
import { verifyPeriods } from '../../src/verify';
import { databasePath } from '../../src/agent';
import { buildAgent, fileLogger, sampleDevice, writeAgentConfig } from './support/agent-fixture';
import { ledgerRecords, overlaps, registerFactory, totals } from './support/ledger-fixture';
import { agentState, drainAndStop, replayedAndSeen, sampledSince, startSimulator } from './support/scenario';
import { Cleanup } from './support/cleanup';
import { sampleMachine } from './support/simulator-fixture';

const FIRST = 1;
const COUNT = 3000;
const repoRoot = join(__dirname, '..', '..', '..');

/** Parts and failures in rows FIRST..FIRST+COUNT-1 of the AI4I file, read straight from the CSV. */
function expectedFromCsv(): { good: number; rejected: number } {
  const lines = readFileSync(join(repoRoot, 'data', 'ai4i2020', 'ai4i2020.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r\n/)
    .filter((l) => l !== '');
  const header = lines[0]!.split(',');
  const failure = header.indexOf('Machine failure');
  const rows = lines.slice(FIRST, FIRST + COUNT).map((l) => l.split(','));
  const rejected = rows.filter((r) => r[failure] === '1').length;
  return { good: rows.length - rejected, rejected };
}

/** AI4I 2020 machining cycles → simulator → Modbus TCP → agent → Fabric network. */
describe('end to end: the AI4I replay on the ledger', () => {
  beforeAll(() => {
    buildAgent();
  });

  const cleanup = new Cleanup();
  afterAll(() => cleanup.run(), 300_000);

  it('puts on the ledger the good parts, rejects and failures of the replayed rows, each period verifiable', async () => {
    const expected = expectedFromCsv();
    expect(expected.rejected).toBeGreaterThan(50);
    const factory = await registerFactory(['mill']);
    cleanup.add(() => {
      factory.owner.close();
    });
    const deviceId = factory.deviceIds[0]!;
    const started = await startSimulator([
      sampleMachine(1, { startPaused: true, rows: { first: FIRST, count: COUNT }, speed: 3600 }),
    ]);
    const simulator = started.simulator;
    cleanup.add(() => simulator.stop());
    const { config, dir, file } = writeAgentConfig({
      cleanup,
      factory,
      periodSeconds: 5,
      devices: [sampleDevice('mill-1', deviceId, started.port, { pollIntervalMs: 100, timeoutMs: 300 })],
    });
    const cli = (...args: string[]) =>
      execFileSync('node', [join(repoRoot, 'gateway-agent', 'dist', 'cli.js'), ...args, '-c', file], {
        encoding: 'utf8',
      });
    expect(cli('whoami').trim()).toBe(factory.gatewayIdentityId);

    const running = new Agent({ config, logger: fileLogger(join(dir, 'agent.log')), drainOnStopMs: 240_000 });
    const release = cleanup.add(() => running.stop());
    await running.start();
    await sampledSince(() => running.health(), Date.now());
    simulator.resume(1);
    await replayedAndSeen(simulator, [1], () => running.health());
    await drainAndStop(running);
    release();

    const stats = simulator.stats()[0]!;
    expect([stats.rowsReplayed, stats.goodParts, stats.rejectedParts, stats.failures]).toEqual([
      COUNT,
      expected.good,
      expected.rejected,
      expected.rejected,
    ]);
    const state = agentState(config);
    expect(state.depth).toEqual({ pending: 0, parked: 0 });
    const records = await ledgerRecords(factory.owner, factory.enterpriseId, deviceId);
    expect(overlaps(records)).toEqual([]);
    expect(records).toHaveLength(state.periods(deviceId));
    const sums = totals(records);
    expect([sums.unitsProduced, sums.unitsRejected, sums.faultCount]).toEqual([
      expected.good,
      expected.rejected,
      expected.rejected,
    ]);
    expect(records.every((r) => r.runSeconds + r.idleSeconds + r.downSeconds <= 5)).toBe(true);

    const db = openAgentDatabase(databasePath(config));
    const ledger = newFabricLedger(config.fabric);
    try {
      const checked = await verifyPeriods({
        store: new SampleStore(db),
        outbox: new Outbox(db),
        ledger,
        deviceId,
        from: 0,
        to: Date.parse('2100-01-01T00:00:00Z'),
      });
      expect(checked).toHaveLength(records.length);
      expect(checked.filter((c) => c.status !== 'OK')).toEqual([]);
    } finally {
      ledger.close();
      db.close();
    }
    const verified = cli('verify', '--device', deviceId, '--period-start', records[1]!.periodStart);
    expect(verified).toMatch(new RegExp(`^OK +${deviceId} ${records[1]!.periodStart} ${records[1]!.samplesDigest}`));
  }, 600_000);
});
