import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadNetwork } from '../../test/support/fabric';
import { freePort, startNode, stopChild, waitForLog } from './child-process';
import { agentRegisters, deviceEndpoint } from './device-map';
import { addDevices, newSme, runId, type Sme } from './ledger-fixture';
import { repoRoot } from './network-session';
import { runOutboxBench } from './outbox-bench';
import { scrape, type Scrape } from './peer-metrics';
import { cpuSeconds, rssMiB } from './proc-stats';
import { nowMs, ratio, round, sleep } from './stats';

/** Options of the agent benchmark. */
export type AgentBenchOptions = Readonly<{
  /** Device counts to try, each in a fresh agent process. */
  steps: readonly number[];
  warmupSeconds: number;
  stepSeconds: number;
  /** Devices of the soak run, and its length (0: no soak). */
  soakDevices: number;
  soakMinutes: number;
  soakSampleSeconds: number;
  /** Devices behind each simulated Modbus TCP endpoint (a gateway with that many units). */
  devicesPerEndpoint: number;
  outboxSeconds: number;
  log: (line: string) => void;
}>;

const AGENT_CLI = path.join(repoRoot, 'gateway-agent', 'dist', 'cli.js');
const FARM = path.join(__dirname, 'plc-farm.js');
const PERIOD_SECONDS = 900;

/** One device count's figures. */
export type AgentStep = Readonly<{
  devices: number;
  seconds: number;
  /** Cores the agent process used (CPU seconds per second). */
  agentCores: number;
  /** Cores the simulators used, for comparison (another process). */
  simulatorCores: number;
  pollsPerSecond: number;
  /** Polls per second over devices: 1.0 is every device read every second. */
  pollRateOfTarget: number | null;
  failedPollsPerSecond: number;
  /** Values decoded and aggregated per second (ten registers per good poll). */
  valuesPerSecond: number;
  meanPollMs: number | null;
  rssMiB: number;
  heapUsedMiB: number | null;
  withinHalfCore: boolean;
}>;

function sumSeries(s: Scrape, prefix: string, filter: (series: string) => boolean = () => true): number {
  let total = 0;
  for (const [series, v] of s) if (series.startsWith(prefix) && filter(series)) total += v;
  return total;
}

function pollCounts(s: Scrape): { ok: number; failed: number; durSum: number; durCount: number } {
  return {
    ok: sumSeries(s, 'scc_agent_polls_total{', (x) => x.includes('result="ok"')),
    failed: sumSeries(s, 'scc_agent_polls_total{', (x) => x.includes('result="error"')),
    durSum: sumSeries(s, 'scc_agent_poll_duration_seconds_sum'),
    durCount: sumSeries(s, 'scc_agent_poll_duration_seconds_count'),
  };
}

interface RunningAgent {
  readonly child: ChildProcess;
  readonly metricsUrl: string;
  readonly dir: string;
}

async function startAgent(
  sme: Sme,
  deviceIds: readonly string[],
  basePort: number,
  perPort: number,
  drainMs: number,
): Promise<RunningAgent> {
  const net = loadNetwork();
  const org = net.orgs.factory;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-bench-agent-'));
  const httpPort = await freePort();
  const config = {
    enterpriseId: sme.enterpriseId,
    stateDir: 'state',
    period: { seconds: PERIOD_SECONDS },
    http: { host: '127.0.0.1', port: httpPort },
    log: { level: 'info' },
    fabric: {
      peerEndpoint: org.peerEndpoint,
      peerHostAlias: org.peerHostAlias,
      tlsCaCert: org.tlsCaCert,
      mspId: sme.identity.mspId,
      certificate: sme.identity.certPath,
      privateKey: sme.identity.keyPath,
      channel: net.channel,
      chaincode: net.chaincode,
    },
    outbox: { batchSize: 50 },
    devices: deviceIds.map((id, i) => {
      const { port, unitId } = deviceEndpoint(i, basePort, perPort);
      return {
        id,
        connection: { type: 'tcp', host: '127.0.0.1', port },
        unitId,
        pollIntervalMs: 1000,
        timeoutMs: 1000,
        registers: agentRegisters,
      };
    }),
  };
  const file = path.join(dir, 'agent.yaml');
  fs.writeFileSync(file, JSON.stringify(config, null, 1));
  const logFile = path.join(dir, 'agent.log');
  const child = startNode(AGENT_CLI, ['start', '-c', file, '--drain-ms', String(drainMs)], logFile, dir, true);
  await waitForLog(child, logFile, /agent started/, 60_000);
  return { child, metricsUrl: `http://127.0.0.1:${httpPort}/metrics`, dir };
}

/** Measures one agent process over a window: cores, polls, memory. */
async function measureWindow(
  agent: RunningAgent,
  farmPid: number,
  devices: number,
  seconds: number,
): Promise<AgentStep> {
  const pid = agent.child.pid ?? 0;
  const m0 = pollCounts(await scrape(agent.metricsUrl));
  const c0 = cpuSeconds(pid) ?? 0;
  const f0 = cpuSeconds(farmPid) ?? 0;
  const t0 = nowMs();
  await sleep(seconds * 1000);
  const s1 = await scrape(agent.metricsUrl);
  const m1 = pollCounts(s1);
  const wall = (nowMs() - t0) / 1000;
  const agentCores = ((cpuSeconds(pid) ?? 0) - c0) / wall;
  const ok = (m1.ok - m0.ok) / wall;
  const heap = s1.get('scc_agent_nodejs_heap_size_used_bytes');
  const durCount = m1.durCount - m0.durCount;
  return {
    devices,
    seconds: round(wall, 1),
    agentCores: round(agentCores),
    simulatorCores: round(((cpuSeconds(farmPid) ?? 0) - f0) / wall),
    pollsPerSecond: round(ok, 1),
    pollRateOfTarget: ratio(ok, devices),
    failedPollsPerSecond: round((m1.failed - m0.failed) / wall, 2),
    valuesPerSecond: round(ok * agentRegisters.length, 0),
    meanPollMs: durCount > 0 ? round(((m1.durSum - m0.durSum) * 1000) / durCount, 2) : null,
    rssMiB: round(rssMiB(pid) ?? NaN, 1),
    heapUsedMiB: heap === undefined ? null : round(heap / 1048576, 1),
    withinHalfCore: agentCores < 0.5 && ok >= 0.98 * devices,
  };
}

/** Least-squares slope of y over x. */
function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * ((ys[i] ?? 0) - my);
    sxx += (x - mx) ** 2;
  });
  return sxx > 0 ? sxy / sxx : 0;
}

async function soak(sme: Sme, farmPid: number, options: AgentBenchOptions, basePort: number) {
  const { soakDevices: devices, log } = options;
  const ids = sme.devices.filter((d) => d.startsWith('soak-')).slice(0, devices);
  const agent = await startAgent(sme, ids, basePort, options.devicesPerEndpoint, 5000);
  await sleep(options.warmupSeconds * 1000);
  const samples: (AgentStep & { minute: number })[] = [];
  const started = nowMs();
  const end = started + options.soakMinutes * 60_000;
  while (nowMs() + options.soakSampleSeconds * 1000 <= end + 1000) {
    const s = await measureWindow(agent, farmPid, devices, options.soakSampleSeconds);
    samples.push({ ...s, minute: round((nowMs() - started) / 60_000, 2) });
    log(
      `agent soak ${devices} devices, minute ${samples[samples.length - 1]?.minute ?? 0}: ${s.agentCores} cores, ${s.pollsPerSecond} polls/s, RSS ${s.rssMiB} MiB, heap ${s.heapUsedMiB ?? '?'} MiB`,
    );
  }
  const health = await fetch(metricsToHealth(agent.metricsUrl)).then(
    (r) => r.json() as Promise<{ status: string; outbox: { pending: number; parked: number } }>,
  );
  const final = await scrape(agent.metricsUrl);
  await stopChild(agent.child);
  fs.rmSync(agent.dir, { recursive: true, force: true });
  const half = samples.slice(Math.floor(samples.length / 2));
  const rss = samples.map((s) => s.rssMiB);
  const heap = samples.map((s) => s.heapUsedMiB ?? NaN);
  const cores = samples.map((s) => s.agentCores);
  return {
    devices,
    minutes: options.soakMinutes,
    sampleSeconds: options.soakSampleSeconds,
    samples,
    meanAgentCores: round(cores.reduce((a, b) => a + b, 0) / cores.length),
    maxAgentCores: round(Math.max(...cores)),
    meanPollsPerSecond: round(samples.reduce((a, s) => a + s.pollsPerSecond, 0) / samples.length, 1),
    rssMiB: { first: rss[0], last: rss[rss.length - 1], min: Math.min(...rss), max: Math.max(...rss) },
    heapUsedMiB: { first: heap[0], last: heap[heap.length - 1], min: Math.min(...heap), max: Math.max(...heap) },
    /** RSS and heap trend over the second half of the soak, MiB per minute. */
    rssSlopeMiBPerMinuteSecondHalf: round(
      slope(
        half.map((s) => s.minute),
        half.map((s) => s.rssMiB),
      ),
    ),
    heapSlopeMiBPerMinuteSecondHalf: round(
      slope(
        half.map((s) => s.minute),
        half.map((s) => s.heapUsedMiB ?? 0),
      ),
    ),
    periodsClosed: sumSeries(final, 'scc_agent_periods_closed_total'),
    recordsCommitted: sumSeries(final, 'scc_agent_records_committed_total'),
    health,
  };
}

function metricsToHealth(url: string): string {
  return url.replace(/\/metrics$/, '/health');
}

/**
 * How many Modbus devices (ten registers each, polled every second) one agent process serves at
 * under half a core against simulated PLCs on loopback; memory over a soak; the outbox's rates.
 */
export async function runAgentBench(options: AgentBenchOptions) {
  const { log } = options;
  const maxDevices = Math.max(...options.steps, options.soakMinutes > 0 ? options.soakDevices : 0);
  const sme = await newSme(runId('bench-agent'));
  log(`agent: registering the devices of ${sme.enterpriseId} on the ledger`);
  // Steps and the soak write different devices, so that the soak's first period never meets one a
  // step stored.
  await addDevices(
    sme,
    [
      ...Array.from({ length: Math.max(...options.steps) }, (_, i) => `machine-${String(i).padStart(4, '0')}`),
      ...Array.from(
        { length: options.soakMinutes > 0 ? options.soakDevices : 0 },
        (_, i) => `soak-${String(i).padStart(4, '0')}`,
      ),
    ],
    32,
  );
  sme.devices.sort();
  const basePort = Number(process.env.BENCH_PLC_BASE_PORT ?? '25100');
  const farmLog = path.join(os.tmpdir(), `scc-bench-plc-farm-${process.pid}.log`);
  log(
    `agent: starting ${maxDevices} simulated PLCs (${options.devicesPerEndpoint} per endpoint from port ${basePort})`,
  );
  const farm = startNode(
    FARM,
    [
      '--devices',
      String(maxDevices),
      '--base-port',
      String(basePort),
      '--per-port',
      String(options.devicesPerEndpoint),
    ],
    farmLog,
  );
  const steps: AgentStep[] = [];
  let soakResult: Awaited<ReturnType<typeof soak>> | undefined;
  try {
    await waitForLog(farm, farmLog, /^ready$/m, 600_000);
    const farmPid = farm.pid ?? 0;
    for (const devices of options.steps) {
      // Each step is a new agent with a new database: its first period starts at the quarter hour like
      // the last step's, so a step does not send its partial period when it stops (no drain).
      const ids = sme.devices.filter((d) => d.startsWith('machine-')).slice(0, devices);
      const agent = await startAgent(sme, ids, basePort, options.devicesPerEndpoint, 0);
      await sleep(options.warmupSeconds * 1000);
      const step = await measureWindow(agent, farmPid, devices, options.stepSeconds);
      await stopChild(agent.child);
      fs.rmSync(agent.dir, { recursive: true, force: true });
      steps.push(step);
      log(
        `agent: ${devices} devices: ${step.agentCores} cores, ${step.pollsPerSecond} polls/s (${step.failedPollsPerSecond} failed), mean poll ${step.meanPollMs ?? '?'} ms, RSS ${step.rssMiB} MiB`,
      );
    }
    if (options.soakMinutes > 0) {
      log(`agent: soak with ${options.soakDevices} devices for ${options.soakMinutes} minutes`);
      soakResult = await soak(sme, farmPid, options, basePort);
    }
  } finally {
    await stopChild(farm);
    sme.connection.close();
  }
  const served = steps.filter((s) => s.withinHalfCore).map((s) => s.devices);
  const fit =
    steps.length >= 2
      ? slope(
          steps.map((s) => s.devices),
          steps.map((s) => s.agentCores),
        )
      : 0;
  return {
    registersPerDevice: agentRegisters.length,
    readsPerPoll: 2,
    pollIntervalMs: 1000,
    periodSeconds: PERIOD_SECONDS,
    devicesPerEndpoint: options.devicesPerEndpoint,
    steps,
    maxDevicesWithinHalfCore: served.length > 0 ? Math.max(...served) : 0,
    coresPerThousandDevices: round(fit * 1000),
    soak: soakResult,
    outbox: await runOutboxBench({ seconds: options.outboxSeconds, batchSize: 50 }),
  };
}
