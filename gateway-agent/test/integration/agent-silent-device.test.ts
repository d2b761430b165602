import { join } from 'node:path';
import { Agent } from '../../src/agent';
import { fileLogger, getText, sampleDevice, writeAgentConfig } from './support/agent-fixture';
import { ledgerRecords, registerFactory } from './support/ledger-fixture';
import {
  drainAndStop,
  expectLedgerHoldsReplay,
  metricValue,
  replayedAndSeen,
  sampledSince,
  startSimulator,
} from './support/scenario';
import { Cleanup } from './support/cleanup';
import { sampleMachine } from './support/simulator-fixture';
import { sleep, waitFor } from './support/wait';

/** Two machines on one Modbus TCP connection; one goes silent, the other's records keep arriving. */
describe('agent: one of two devices goes silent', () => {
  const cleanup = new Cleanup();
  afterAll(() => cleanup.run(), 300_000);

  it('keeps recording the other device, records the gap, and counts the silent one when it returns', async () => {
    const factory = await registerFactory(['mill-a', 'mill-b']);
    cleanup.add(() => {
      factory.owner.close();
    });
    const [loud, silent] = factory.deviceIds as [string, string];
    const started = await startSimulator([
      sampleMachine(1, { startPaused: true, rows: { first: 1, count: 600 }, speed: 1200 }),
      // 16-bit counters starting near the top: they wrap during the run
      sampleMachine(2, { startPaused: true, rows: { first: 5001, count: 600 }, speed: 1200, counterStart: 65300 }),
    ]);
    const simulator = started.simulator;
    cleanup.add(() => simulator.stop());
    const options = { pollIntervalMs: 100, timeoutMs: 200, reconnect: { initialMs: 100, maxMs: 800 } };
    const { config, dir } = writeAgentConfig({
      cleanup,
      factory,
      periodSeconds: 2,
      devices: [
        sampleDevice('mill-1', loud, started.port, options),
        sampleDevice('mill-2', silent, started.port, options),
      ],
    });
    const running = new Agent({ config, logger: fileLogger(join(dir, 'agent.log')), drainOnStopMs: 240_000 });
    const release = cleanup.add(() => running.stop());
    await running.start();
    await sampledSince(() => running.health(), Date.now());
    simulator.resume(1);
    simulator.resume(2);
    await waitFor('150 rows replayed', () => simulator.stats()[1]!.rowsReplayed >= 150);

    simulator.mute(2, true);
    const mutedAt = Date.now();
    await sleep(7000);
    const health = running.health();
    const silentStatus = health.devices.find((d) => d.deviceId === silent)!;
    expect(silentStatus.up).toBe(false);
    expect(silentStatus.lastError).toMatch(/^TIMEOUT/);
    expect(health.devices.find((d) => d.deviceId === loud)!.up).toBe(true);
    const duringSilence = (r: { periodStart: string; periodEnd: string }) =>
      Date.parse(r.periodStart) >= mutedAt + 1000 && Date.parse(r.periodEnd) <= mutedAt + 7000;
    const loudWhileSilent = await waitFor('records of the loud device while the other is silent', async () => {
      const records = (await ledgerRecords(factory.owner, factory.enterpriseId, loud)).filter(duringSilence);
      return records.length >= 2 && records;
    });
    expect(loudWhileSilent.every((r) => r.sampleCount > 0)).toBe(true);
    const gaps = await waitFor('gap records of the silent device', async () => {
      const records = (await ledgerRecords(factory.owner, factory.enterpriseId, silent)).filter(duringSilence);
      return records.length >= 2 && records;
    });
    expect(
      gaps.every(
        (r) => r.sampleCount === 0 && r.unitsProduced === 0 && r.runSeconds + r.idleSeconds + r.downSeconds === 0,
      ),
    ).toBe(true);
    const metrics = await getText(`http://127.0.0.1:${String(running.httpPort)}/metrics`);
    expect(metricValue(metrics, 'scc_agent_poll_errors_total', { device: silent, code: 'TIMEOUT' })).toBeGreaterThan(5);
    expect(metricValue(metrics, 'scc_agent_poll_errors_total', { device: loud })).toBe(0);
    expect(metricValue(metrics, 'scc_agent_modbus_connection_events_total', { event: 'disconnected' })).toBe(0);

    simulator.mute(2, false);
    await replayedAndSeen(simulator, [1, 2], () => running.health());
    await drainAndStop(running);
    release();

    expect(simulator.signals(2).goodParts).toBeGreaterThan(65535);
    await expectLedgerHoldsReplay(factory, config, simulator, loud, 1, 600);
    await expectLedgerHoldsReplay(factory, config, simulator, silent, 2, 600);
  }, 600_000);
});
