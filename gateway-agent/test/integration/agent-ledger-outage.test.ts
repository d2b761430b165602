import { join } from 'node:path';
import { Agent } from '../../src/agent';
import { fileLogger, sampleDevice, writeAgentConfig } from './support/agent-fixture';
import { factoryPeer, ledgerRecords, registerFactory } from './support/ledger-fixture';
import {
  agentState,
  drainAndStop,
  expectLedgerHoldsReplay,
  replayedAndSeen,
  sampledSince,
  startSimulator,
} from './support/scenario';
import { Cleanup } from './support/cleanup';
import { sampleMachine } from './support/simulator-fixture';
import { TcpProxy } from './support/tcp-proxy';
import { sleep, waitFor } from './support/wait';

/** The ledger goes away (a TCP proxy between agent and peer is cut) and comes back. */
describe('agent: the ledger is down for a while', () => {
  const cleanup = new Cleanup();
  afterAll(() => cleanup.run(), 300_000);

  it('keeps every closed period in the outbox and drains it when the ledger is back, nothing lost or doubled', async () => {
    const factory = await registerFactory(['mill']);
    cleanup.add(() => {
      factory.owner.close();
    });
    const deviceId = factory.deviceIds[0]!;
    const [host, port] = factoryPeer().endpoint.split(':') as [string, string];
    const proxy = new TcpProxy({ host, port: Number(port) });
    cleanup.add(() => proxy.close());
    const proxyPort = await proxy.start();
    const started = await startSimulator([
      sampleMachine(1, { startPaused: true, rows: { first: 2001, count: 600 }, speed: 1200 }),
    ]);
    const simulator = started.simulator;
    cleanup.add(() => simulator.stop());
    const { config, dir } = writeAgentConfig({
      cleanup,
      factory,
      periodSeconds: 1,
      peerEndpoint: `127.0.0.1:${proxyPort}`,
      batchSize: 5,
      devices: [sampleDevice('mill-1', deviceId, started.port, { pollIntervalMs: 100, timeoutMs: 300 })],
    });
    const running = new Agent({ config, logger: fileLogger(join(dir, 'agent.log')), drainOnStopMs: 240_000 });
    const release = cleanup.add(() => running.stop());
    await running.start();
    await sampledSince(() => running.health(), Date.now());
    simulator.resume(1);
    await waitFor('a first commit', () => running.health().ledger.lastCommitAt);

    await proxy.cut();
    await sleep(12_000);
    const during = running.health();
    expect(during.outbox.pending).toBeGreaterThanOrEqual(8);
    expect(during.ledger.lastError).toMatch(/^(UNAVAILABLE|DEADLINE_EXCEEDED)/);
    expect(during.status).toBe('degraded');
    const committedBefore = (await ledgerRecords(factory.owner, factory.enterpriseId, deviceId)).length;

    await proxy.restore();
    await waitFor('the outbox to drain', () => running.health().outbox.pending === 0, 120_000);
    expect((await ledgerRecords(factory.owner, factory.enterpriseId, deviceId)).length).toBeGreaterThan(
      committedBefore + during.outbox.pending - 1,
    );

    await replayedAndSeen(simulator, [1], () => running.health());
    await drainAndStop(running);
    release();

    await expectLedgerHoldsReplay(factory, config, simulator, deviceId, 1, 600);
    const state = agentState(config);
    expect(state.committed(deviceId)).toBe(state.periods(deviceId));
  }, 600_000);
});
