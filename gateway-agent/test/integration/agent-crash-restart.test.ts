import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { databasePath } from '../../src/agent';
import { AgentConfig } from '../../src/config/agent-config';
import { openAgentDatabase } from '../../src/storage/agent-database';
import { AgentProcess, buildAgent, sampleDevice, writeAgentConfig } from './support/agent-fixture';
import { factoryPeer, registerFactory } from './support/ledger-fixture';
import { expectLedgerHoldsReplay, replayedAndSeen, sampledSince, startSimulator } from './support/scenario';
import { Cleanup } from './support/cleanup';
import { sampleMachine } from './support/simulator-fixture';
import { TcpProxy } from './support/tcp-proxy';
import { sleep, waitFor } from './support/wait';

/**
 * The agent runs as its own process and is killed with SIGKILL three times while a batch is on its
 * way to the ledger (the proxy holds the peer's answers, so the batch is in flight), then restarted.
 */
describe('agent: kill -9 mid-batch, then restart', () => {
  beforeAll(() => {
    buildAgent();
  });

  const cleanup = new Cleanup();
  afterAll(() => cleanup.run(), 300_000);

  it('puts every period on the ledger exactly once, with the parts the simulator made', async () => {
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
      sampleMachine(1, { startPaused: true, rows: { first: 4001, count: 900 }, speed: 1800 }),
    ]);
    const simulator = started.simulator;
    cleanup.add(() => simulator.stop());
    const { config, dir, file } = writeAgentConfig({
      cleanup,
      factory,
      periodSeconds: 1,
      peerEndpoint: `127.0.0.1:${proxyPort}`,
      batchSize: 3,
      devices: [sampleDevice('mill-1', deviceId, started.port, { pollIntervalMs: 100, timeoutMs: 300 })],
    });
    const logFile = join(dir, 'agent.log');
    let agent = new AgentProcess(file, logFile);
    cleanup.add(() => agent.kill9());
    await agent.start();
    const first = agent;
    await sampledSince(() => first.health(), Date.now());
    simulator.resume(1);

    let kills = 0;
    while (kills < 3) {
      const current: AgentProcess = agent;
      await waitFor('a commit by this agent process', async () => (await current.health()).ledger.lastCommitAt);
      await sleep(700 * kills);
      proxy.stall();
      // a period closes every second and wakes the sender, whose batch now gets no answer
      await waitFor('a batch in flight', async () => (await current.health()).ledger.inFlight);
      await sleep(300);
      await current.kill9();
      kills += 1;
      proxy.flow();
      agent = new AgentProcess(file, logFile);
      await agent.start();
    }

    // A crash after the ledger committed a batch but before the outbox forgot it: put the last
    // committed batch back in the outbox, as the transaction that removes it would not have happened.
    const current: AgentProcess = agent;
    await waitFor('a commit by this agent process', async () => (await current.health()).ledger.lastCommitAt);
    await current.kill9();
    const replayed = requeueLastCommittedBatch(config);
    expect(replayed).toBeGreaterThan(0);
    agent = new AgentProcess(file, logFile);
    await agent.start();
    expect(simulator.stats()[0]!.finished).toBe(false);

    const last: AgentProcess = agent;
    await replayedAndSeen(simulator, [1], () => last.health());
    await waitFor('the outbox to drain', async () => (await last.health()).outbox.pending === 0, 240_000);
    expect(await last.stop()).toBe(0);
    expect(committedLines(logFile).some((c) => c.unchanged >= replayed)).toBe(true);

    await expectLedgerHoldsReplay(factory, config, simulator, deviceId, 1, 900);
  }, 600_000);
});

/** Puts the periods of the last committed transaction back into the outbox; returns how many. */
function requeueLastCommittedBatch(config: AgentConfig): number {
  const db = openAgentDatabase(databasePath(config));
  try {
    return db.transaction(() => {
      const txId = db.prepare('SELECT tx_id FROM committed ORDER BY rowid DESC LIMIT 1').pluck().get() as string;
      const rows = db.prepare('SELECT device_id, period_start FROM committed WHERE tx_id = ?').all(txId) as {
        device_id: string;
        period_start: number;
      }[];
      for (const r of rows) {
        db.prepare(
          'INSERT INTO outbox (device_id, period_start, record, created_at) SELECT device_id, period_start, record, ? FROM periods WHERE device_id = ? AND period_start = ?',
        ).run(Date.now(), r.device_id, r.period_start);
        db.prepare('DELETE FROM committed WHERE device_id = ? AND period_start = ?').run(r.device_id, r.period_start);
      }
      return rows.length;
    })();
  } finally {
    db.close();
  }
}

/** The "batch committed" log lines of every agent process. */
function committedLines(logFile: string): { records: number; written: number; unchanged: number }[] {
  return readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((l) => l.includes('"batch committed"'))
    .map((l) => JSON.parse(l) as { records: number; written: number; unchanged: number });
}
