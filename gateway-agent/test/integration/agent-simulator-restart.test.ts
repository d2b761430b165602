import { join } from 'node:path';
import { Agent } from '../../src/agent';
import { fileLogger, getText, sampleDevice, writeAgentConfig } from './support/agent-fixture';
import { registerFactory } from './support/ledger-fixture';
import {
  agentState,
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

/** The PLC's communication restarts mid-run: the agent reconnects by itself and nothing is lost. */
describe('agent: the PLC restarts mid-run', () => {
  const cleanup = new Cleanup();
  afterAll(() => cleanup.run(), 300_000);

  it('reconnects and resumes; the ledger holds every part the machine made', async () => {
    const factory = await registerFactory(['mill']);
    cleanup.add(() => {
      factory.owner.close();
    });
    const deviceId = factory.deviceIds[0]!;
    const started = await startSimulator([
      sampleMachine(1, { startPaused: true, rows: { first: 1, count: 500 }, speed: 1200 }),
    ]);
    const simulator = started.simulator;
    cleanup.add(() => simulator.stop());
    const { config, dir } = writeAgentConfig({
      cleanup,
      factory,
      periodSeconds: 2,
      devices: [
        sampleDevice('mill-1', deviceId, started.port, {
          pollIntervalMs: 100,
          timeoutMs: 300,
          reconnect: { initialMs: 100, maxMs: 800 },
        }),
      ],
    });
    const running = new Agent({ config, logger: fileLogger(join(dir, 'agent.log')), drainOnStopMs: 240_000 });
    const release = cleanup.add(() => running.stop());
    await running.start();
    await sampledSince(() => running.health(), Date.now());
    simulator.resume(1);

    await waitFor('100 rows replayed', () => simulator.stats()[0]!.rowsReplayed >= 100);
    await simulator.stopServer();
    await waitFor('the agent to see the PLC gone', () => running.health().devices[0]!.consecutiveFailures >= 5);
    await sleep(1500);
    await simulator.startServer();
    await waitFor('the agent to read the PLC again', () => running.health().devices[0]!.up);
    const metrics = await getText(`http://127.0.0.1:${String(running.httpPort)}/metrics`);
    expect(
      metricValue(metrics, 'scc_agent_modbus_connection_events_total', { event: 'connected' }),
    ).toBeGreaterThanOrEqual(2);
    expect(metricValue(metrics, 'scc_agent_poll_errors_total', { code: 'CONNECTION' })).toBeGreaterThanOrEqual(5);

    await replayedAndSeen(simulator, [1], () => running.health());
    await drainAndStop(running);
    release();

    expect(agentState(config).failedPolls(deviceId, 'CONNECTION')).toBeGreaterThanOrEqual(5);
    await expectLedgerHoldsReplay(factory, config, simulator, deviceId, 1, 500);
  }, 600_000);
});
