import { Agent, databasePath, HealthReport } from '../../../src/agent';
import { AgentConfig } from '../../../src/config/agent-config';
import { AgentDatabase, openAgentDatabase } from '../../../src/storage/agent-database';
import { Outbox } from '../../../src/storage/outbox';
import { MachineConfig } from '../../../src/simulator/simulator-config';
import { PlcSimulator } from '../../../src/simulator/plc-simulator';
import { FactoryOnLedger, ledgerRecords, overlaps, totals } from './ledger-fixture';
import { freePort } from './ports';
import { simulatorConfig } from './simulator-fixture';
import { sleep, waitFor } from './wait';

/** Starts a simulator on a free port. */
export async function startSimulator(machines: MachineConfig[]): Promise<{ simulator: PlcSimulator; port: number }> {
  const port = await freePort();
  const simulator = new PlcSimulator({ config: simulatorConfig(port, machines) });
  await simulator.start();
  return { simulator, port };
}

/** Waits until the agent has a good sample of every device taken at or after `after`. */
export function sampledSince(
  health: () => HealthReport | Promise<HealthReport>,
  after: number,
  timeoutMs = 60_000,
): Promise<HealthReport> {
  return waitFor(
    `a good sample of every device after ${new Date(after).toISOString()}`,
    async () => {
      const report = await health();
      return report.devices.every((d) => d.lastGoodAt !== undefined && Date.parse(d.lastGoodAt) >= after) && report;
    },
    timeoutMs,
  );
}

/** Waits for every machine's rows to be replayed, then for the agent to have seen the end. */
export async function replayedAndSeen(
  simulator: PlcSimulator,
  units: readonly number[],
  health: () => HealthReport | Promise<HealthReport>,
): Promise<void> {
  await Promise.all(units.map((u) => simulator.finished(u)));
  await sleep(50);
  await sampledSince(health, Date.now());
}

/**
 * Waits for the agent's outbox to be empty (with room for a chaincode redeploy by someone else),
 * then stops it; shutdown closes the current periods and sends them.
 */
export async function drainAndStop(agent: Agent): Promise<void> {
  await waitFor('the outbox to drain', () => agent.health().outbox.pending === 0, 240_000, 200);
  await agent.stop();
}

/** What the agent left in its state folder, read after it stopped (each read opens the database). */
export function agentState(config: AgentConfig) {
  const read = <T>(f: (db: AgentDatabase) => T): T => {
    const db = openAgentDatabase(databasePath(config));
    try {
      return f(db);
    } finally {
      db.close();
    }
  };
  const count = (sql: string, ...args: unknown[]): number =>
    read(
      (db) =>
        (db
          .prepare(sql)
          .pluck()
          .get(...args) as number | undefined) ?? 0,
    );
  return {
    depth: read((db) => new Outbox(db).depth()),
    parked: read((db) =>
      new Outbox(db).parked().map((e) => `${e.deviceId} ${e.record.periodStart}: ${e.lastError ?? ''}`),
    ),
    periods: (deviceId: string) => count('SELECT COUNT(*) FROM periods WHERE device_id = ?', deviceId),
    committed: (deviceId: string) => count('SELECT COUNT(*) FROM committed WHERE device_id = ?', deviceId),
    failedPolls: (deviceId: string, code: string) =>
      count('SELECT COUNT(*) FROM samples WHERE device_id = ? AND line LIKE ?', deviceId, `%"e":"${code}"%`),
  };
}

/** A Prometheus counter's value from the text format (0 when absent). */
export function metricValue(text: string, name: string, labels: Record<string, string>): number {
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let total = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (want.every((w) => line.includes(w))) total += Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

/**
 * Expects the agent to have left nothing in its outbox and the ledger to hold each closed period of
 * the device exactly once (no overlaps), with the good parts, rejects and failures the simulator's
 * machine `unitId` made over all `rows` of its replay.
 */
export async function expectLedgerHoldsReplay(
  factory: FactoryOnLedger,
  config: AgentConfig,
  simulator: PlcSimulator,
  deviceId: string,
  unitId: number,
  rows: number,
): Promise<void> {
  const state = agentState(config);
  expect(state.depth).toEqual({ pending: 0, parked: 0 });
  const records = await ledgerRecords(factory.owner, factory.enterpriseId, deviceId);
  expect(overlaps(records)).toEqual([]);
  expect(records).toHaveLength(state.periods(deviceId));
  const stats = simulator.stats().find((s) => s.unitId === unitId);
  expect(stats?.rowsReplayed).toBe(rows);
  const sums = totals(records);
  expect({ deviceId, produced: sums.unitsProduced, rejected: sums.unitsRejected, faults: sums.faultCount }).toEqual({
    deviceId,
    produced: stats?.goodParts,
    rejected: stats?.rejectedParts,
    faults: stats?.failures,
  });
}
