import type { MachineStats } from '@sme-credit-chain/gateway-agent';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { AgentProbe, type AgentHealth } from './agent-probe';
import { agentCli, type AgentSetup } from './devices-step';
import { repoRoot } from './demo-paths';
import type { DemoSession } from './demo-session';
import { duration, n, table } from './narrator';
import { dailySums, dayOf, latestPeriodEnd, totalsByDevice, type DeviceTotals } from './production-totals';
import { simulatorUnits, writeSimulatorConfig } from './replay-configs';
import { csvRowCount, DAY_MS, planReplay, steelCalendar, type ReplayPlan } from './replay-plan';
import { SimulatorHandle } from './simulator-handle';
import { waitFor } from './wait';

const run = promisify(execFile);
const simulatorScript = path.join(repoRoot, 'client', 'dist', 'demo', 'plc-simulator-process.js');

/** The production a run put on the ledger: its window and the devices' totals there. */
export interface ProductionWindow {
  readonly start: number;
  readonly end: number;
  readonly totals: ReadonlyMap<string, DeviceTotals>;
}

function iso(t: number): string {
  return new Date(t).toISOString().replace('.000Z', 'Z');
}

/**
 * Steps 5-7 of a replay: plans the plant days (continuing after what the ledger holds), starts the
 * simulator held at the first row and the gateway agent, lets the replay run once the agent polls,
 * waits until every period is committed, then compares the ledger's sums with the simulator's own
 * count and checks one period's raw samples against its on-chain digest.
 */
export async function replayStep(session: DemoSession, agent: AgentSetup): Promise<ProductionWindow> {
  const { config, narrator, paths, supervisor } = session;
  const api = session.api;
  const factoryId = config.enterprises.factory.id;
  const { mill, meter } = config.replay;
  const devices = [mill.device, meter.device];
  const start = Date.parse(`${config.replay.start}T00:00:00Z`);

  const step5 = narrator.step('PLC simulator replaying real machine data at accelerated time', 'simulator');
  const steel = steelCalendar(path.resolve(config.dataDir, meter.file));
  const onLedger = await dailySums(api.factory, factoryId, start, start + 366 * DAY_MS);
  const plan = planReplay(
    {
      start,
      days: config.replay.days,
      speed: config.replay.speed,
      millFirstRow: mill.firstRow,
      cycleSeconds: mill.cycleSeconds,
      steel,
      ai4iRows: csvRowCount(path.resolve(config.dataDir, mill.file)),
    },
    latestPeriodEnd(onLedger, devices),
  );
  describePlan(session, plan, step5.line);
  if (plan.continued) {
    step5.line(
      `the ledger already holds this factory's production up to ${iso(plan.windowStart)}: this run continues from there`,
    );
  }
  const units = simulatorUnits(config);
  const simulatorFile = writeSimulatorConfig(config, plan, paths);
  const simulator = new SimulatorHandle(
    supervisor.start({ name: 'plc-simulator', script: simulatorScript, args: [simulatorFile], ipc: true }),
  );
  await simulator.listening();
  step5.line(
    `Modbus TCP on 127.0.0.1:${config.ports.simulator}, units ${units.mill} (${mill.device}) and ${units.meter} (${meter.device}); config ${session.show(simulatorFile)}`,
  );
  step5.proved(
    'the machines answer over Modbus TCP with the recorded rows, held at the first row until the agent polls',
  );

  const step6 = narrator.step('Gateway agent polling the machines and writing to the ledger', 'agent');
  supervisor.start({
    name: 'gateway-agent',
    script: agentCli,
    args: ['start', '-c', agent.file, '--drain-ms', '30000'],
  });
  const probe = new AgentProbe('127.0.0.1', config.ports.agentHttp);
  session.story.agentUrl = probe.url;
  await waitFor(
    'the gateway agent to read every device',
    async () => {
      const h = await probe.health();
      return (
        h !== undefined && h.devices.length === devices.length && h.devices.every((d) => d.lastGoodAt !== undefined)
      );
    },
    60_000,
    session.signal,
  );
  simulator.resume();
  const resumedAt = Date.now();
  step6.line(
    `npm run agent -- start -c ${session.show(agent.file)}  (health and metrics: ${probe.url}/health, ${probe.url}/metrics)`,
  );
  step6.line(
    `polls each device every ${config.replay.pollIntervalMs} ms, periods of ${config.replay.periodSeconds} s on the devices' clocks, durable outbox in ${session.show(agent.config.stateDir)}`,
  );
  step6.proved('the agent reads both machines; the replay started from the first row with the agent watching');
  session.story.timings.readyMs = session.elapsed();
  narrator.print();
  narrator.print(
    `    ready after ${duration(session.story.timings.readyMs)}: the APIs answer (${Object.values(session.story.apis ?? {}).join(', ')}) while the replay runs`,
  );

  const step7 = narrator.step('Production records on the ledger', 'production');
  let lastReport = 0;
  let finalHealth: AgentHealth | undefined;
  await waitFor(
    'every period of the replay to be committed',
    async () => {
      const h = await probe.health();
      if (h === undefined) return false;
      const plantTime = Math.min(...h.devices.map((d) => Date.parse(d.openPeriodStart ?? '') || plan.windowStart));
      if (Date.now() - lastReport >= 15_000) {
        lastReport = Date.now();
        const committed = await probe.committed();
        narrator.progress(
          `plant time ${iso(plantTime).slice(0, 16).replace('T', ' ')}, ${n(committed ?? 0)} records committed, ${h.outbox.pending} in the outbox` +
            (h.outbox.parked > 0 ? `, ${h.outbox.parked} PARKED (refused by the chaincode)` : ''),
          'production',
        );
      }
      const done =
        simulator.finished([units.mill, units.meter]) &&
        h.devices.every((d) => d.openPeriodStart !== undefined && Date.parse(d.openPeriodStart) >= plan.windowEnd) &&
        h.outbox.pending === 0 &&
        h.ledger.inFlight === undefined;
      if (done) finalHealth = h;
      return done;
    },
    plan.wallSeconds * 3000 + 300_000,
    session.signal,
    500,
  );
  const replaySeconds = (Date.now() - resumedAt) / 1000;
  if (finalHealth && finalHealth.outbox.parked > 0) {
    step7.warn(
      `${finalHealth.outbox.parked} records were refused by the chaincode and parked; see ${paths.logs}/gateway-agent.log`,
    );
  }
  const days = await dailySums(api.factory, factoryId, plan.windowStart, plan.windowEnd);
  const totals = totalsByDevice(days);
  const stats = await simulator.stats();
  const millStats = stats.find((s) => s.unitId === units.mill);
  const meterStats = stats.find((s) => s.unitId === units.meter);
  const m = totals.get(mill.device);
  const e = totals.get(meter.device);
  if (!m || !e || !millStats || !meterStats) throw new Error('no production of the replayed devices on the ledger');
  step7.line(
    `${n(plan.days)} plant days replayed in ${duration(replaySeconds * 1000)}; ${n(m.records + e.records)} hourly records committed by the agent`,
  );
  for (const line of comparison(mill.device, meter.device, millStats, meterStats, m, e)) step7.line(line);
  compareExactly(step7.warn, millStats, meterStats, m, e);

  const firstPeriod = iso(plan.windowStart);
  try {
    const { stdout } = await run(
      process.execPath,
      [agentCli, 'verify', '-c', agent.file, '--device', mill.device, '--period-start', firstPeriod],
      { encoding: 'utf8' },
    );
    step7.line(
      `npm run agent -- verify -c ${session.show(agent.file)} --device ${mill.device} --period-start ${firstPeriod}`,
    );
    step7.line(`  → ${stdout.trim().split('\n')[0] ?? ''}`);
  } catch (err) {
    step7.warn(`raw-sample check of ${firstPeriod} failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  session.story.window = {
    start: iso(plan.windowStart),
    end: iso(plan.windowEnd),
    days: plan.days,
    continued: plan.continued,
    rows: { steel: plan.steel, ai4i: plan.mill },
  };
  session.story.production = {
    devices: Object.fromEntries(totals),
    simulator: { mill: millStats, meter: meterStats },
    replaySeconds,
  };
  session.save();
  step7.proved(
    'what the machines did reached the ledger with no hand on the way: the ledger sums equal what the PLC replayed, and each period carries the digest of its raw samples',
  );
  return { start: plan.windowStart, end: plan.windowEnd, totals };
}

function describePlan(session: DemoSession, plan: ReplayPlan, line: (text: string) => void): void {
  const { config } = session;
  const last = dayOf(plan.windowEnd - DAY_MS);
  line(
    `plant days ${dayOf(plan.windowStart)} → ${last} (${plan.days} days) at ${n(config.replay.speed)}× (${n(config.replay.speed / 3600, 1)} plant hours a second): about ${duration(plan.wallSeconds * 1000)}`,
  );
  line(
    `${config.replay.meter.device}: steel plant metering rows ${n(plan.steel.first)}-${n(plan.steel.first + plan.steel.count - 1)} (one row per quarter hour, the file's own 2018 dates)`,
  );
  line(
    `${config.replay.mill.device}: AI4I 2020 rows ${n(plan.mill.first)}-${n(plan.mill.first + plan.mill.count - 1)} (one part per ${config.replay.mill.cycleSeconds} s cycle; a machine failure makes it a reject)`,
  );
}

function hours(seconds: number): string {
  return n(seconds / 3600, 1);
}

function comparison(
  millId: string,
  meterId: string,
  ms: MachineStats,
  es: MachineStats,
  m: DeviceTotals,
  e: DeviceTotals,
): string[] {
  return table(
    [
      ['', 'PLC replayed', 'on the ledger'],
      [`${millId} good parts`, n(ms.goodParts), n(m.unitsProduced)],
      [`${millId} rejected parts`, n(ms.rejectedParts), n(m.unitsRejected)],
      [`${millId} machine failures`, n(ms.failures), n(m.faultCount)],
      [
        `${millId} run / down hours`,
        `${hours(ms.runSeconds)} / ${hours(ms.downSeconds)}`,
        `${hours(m.runSeconds)} / ${hours(m.downSeconds)}`,
      ],
      [`${meterId} energy kWh`, n(es.energyWh / 1000, 2), n(e.energyWh / 1000, 2)],
      [
        `${meterId} run / idle hours`,
        `${hours(es.runSeconds)} / ${hours(es.idleSeconds)}`,
        `${hours(e.runSeconds)} / ${hours(e.idleSeconds)}`,
      ],
      ['records (periods)', '', `${n(m.records)} + ${n(e.records)}`],
    ],
    [1, 2],
  );
}

function compareExactly(
  warn: (text: string) => void,
  ms: MachineStats,
  es: MachineStats,
  m: DeviceTotals,
  e: DeviceTotals,
): void {
  if (ms.goodParts !== m.unitsProduced || ms.rejectedParts !== m.unitsRejected || ms.failures !== m.faultCount) {
    warn('the ledger counts differ from what the PLC replayed (see the gateway agent log)');
  }
  if (Math.round(es.energyWh) !== Math.round(e.energyWh)) warn('the ledger energy differs from the meter replay');
  const unseen = (stats: MachineStats, t: DeviceTotals): number =>
    stats.runSeconds + stats.idleSeconds + stats.downSeconds - (t.runSeconds + t.idleSeconds + t.downSeconds);
  const millUnseen = unseen(ms, m);
  const meterUnseen = unseen(es, e);
  if (millUnseen > 0 || meterUnseen > 0) {
    warn(
      `the agent saw no sample for ${hours(millUnseen)} mill hours and ${hours(meterUnseen)} meter hours (a row lasted less than the gap between two polls at this speed): ` +
        'their parts and energy are counted by the counters, their run state is left as unknown time',
    );
  }
}
