import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadNetwork } from '../../test/support/fabric';
import { freePort, startNode, stopChild, waitForLog } from './child-process';
import { addDevices, newBankWithConsent, newSme, runId } from './ledger-fixture';
import { repoRoot } from './network-session';
import { cpuSeconds } from './proc-stats';
import { loadRecords } from './record-loader';
import { nowMs, ratio, round } from './stats';

/** Options of the API benchmark. */
export type ApiBenchOptions = Readonly<{
  /** Production periods on the ledger for the SME whose data is queried. */
  periods: number;
  devices: number;
  /** Client connections (closed loop: each sends again when answered). */
  loads: readonly number[];
  /** Routes to measure (`credit-profile`, `production`); all when empty. */
  routes: readonly string[];
  warmupSeconds: number;
  /** Alternating rounds of the Gateway baseline and the API, each this long; figures are the median of rounds. */
  rounds: number;
  roundSeconds: number;
  log: (line: string) => void;
}>;

const API_MAIN = path.join(repoRoot, 'client', 'dist', 'main.js');
const AUTOCANNON = path.join(repoRoot, 'node_modules', 'autocannon', 'autocannon.js');
const DIRECT = path.join(__dirname, 'direct-load.js');
const PERIOD_SECONDS = 900;
const WINDOW_END_MS = Date.parse('2026-01-01T00:00:00Z');

/** One side of a comparison: requests per second and latency in milliseconds. */
export type LoadFigures = Readonly<{
  requestsPerSecond: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  /** Cores used by the API process during the run (API side only). */
  apiCores?: number;
}>;

/** The API against the Gateway for one route and load: medians of the rounds, their ratios, and every round. */
export type ApiRun = Readonly<{
  route: string;
  connections: number;
  api: LoadFigures;
  gateway: LoadFigures;
  p50Ratio: number | null;
  p99Ratio: number | null;
  throughputRatio: number | null;
  rounds: Readonly<{ api: LoadFigures[]; gateway: LoadFigures[] }>;
}>;

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

/** The median of each figure over rounds. */
function medianFigures(rounds: readonly LoadFigures[]): LoadFigures {
  const pick = (f: (x: LoadFigures) => number | undefined): number =>
    round(median(rounds.map(f).filter((v): v is number => v !== undefined)), 3);
  const cores = rounds.some((r) => r.apiCores !== undefined) ? { apiCores: pick((r) => r.apiCores) } : {};
  return {
    requestsPerSecond: pick((r) => r.requestsPerSecond),
    p50: pick((r) => r.p50),
    p90: pick((r) => r.p90),
    p99: pick((r) => r.p99),
    errors: rounds.reduce((a, r) => a + r.errors, 0),
    ...cores,
  };
}

function run(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${path.basename(args[0] ?? command)} exited with ${code ?? 'null'}: ${err.slice(-500)}`));
    });
  });
}

interface AutocannonResult {
  latency: { p50: number; p90: number; p99: number };
  requests: { total: number };
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

async function autocannon(url: string, key: string, connections: number, seconds: number): Promise<LoadFigures> {
  const out = await run(process.execPath, [
    AUTOCANNON,
    '-c',
    String(connections),
    '-d',
    String(seconds),
    '-H',
    `Authorization=Bearer ${key}`,
    '-j',
    '-n',
    url,
  ]);
  const r = JSON.parse(out) as AutocannonResult;
  return {
    requestsPerSecond: round(r.requests.total / r.duration, 2),
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts + r.non2xx,
  };
}

interface DirectResult {
  opsPerSecond: number;
  failed: number;
  latencyMs: { p50: number; p90: number; p99: number };
}

async function direct(
  identity: { mspId: string; certPath: string; keyPath: string },
  transaction: string,
  args: readonly string[],
  connections: number,
  warmupSeconds: number,
  seconds: number,
): Promise<LoadFigures> {
  const out = await run(process.execPath, [
    DIRECT,
    '--org',
    'bank',
    '--msp',
    identity.mspId,
    '--cert',
    identity.certPath,
    '--key',
    identity.keyPath,
    '--transaction',
    transaction,
    '--args',
    JSON.stringify(args),
    '--connections',
    String(connections),
    '--warmup',
    String(warmupSeconds),
    '--duration',
    String(seconds),
  ]);
  const r = JSON.parse(out) as DirectResult;
  return {
    requestsPerSecond: r.opsPerSecond,
    p50: round(r.latencyMs.p50, 2),
    p90: round(r.latencyMs.p90, 2),
    p99: round(r.latencyMs.p99, 2),
    errors: r.failed,
  };
}

/**
 * The REST API's cost over the Fabric Gateway: the credit-profile and production routes under the
 * same closed-loop load from a second process, through the API (autocannon) and straight through
 * the Gateway with the same identity and peer (the baseline).
 */
export async function runApiBench(options: ApiBenchOptions) {
  const { log } = options;
  const sme = await newSme(runId('bench-api'));
  await addDevices(
    sme,
    Array.from({ length: options.devices }, (_, i) => `machine-${String(i).padStart(2, '0')}`),
  );
  sme.devices.sort();
  const bank = await newBankWithConsent(runId('bench-api-bank'), sme);
  const perDevice = Math.ceil(options.periods / options.devices);
  log(`api: loading ${perDevice * options.devices} periods into ${sme.enterpriseId}`);
  const load = await loadRecords(
    sme.connection.contract,
    sme.enterpriseId,
    sme.devices.map((deviceId) => ({
      deviceId,
      originMs: WINDOW_END_MS - perDevice * PERIOD_SECONDS * 1000,
      periodSeconds: PERIOD_SECONDS,
      first: 0,
      count: perDevice,
    })),
    250,
  );

  const net = loadNetwork();
  const org = net.orgs.bank;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-bench-api-'));
  const key = randomBytes(24).toString('base64url');
  const port = await freePort();
  const config = {
    server: { host: '127.0.0.1', port },
    log: { level: 'info' },
    fabric: {
      peerEndpoint: org.peerEndpoint,
      peerHostAlias: org.peerHostAlias,
      tlsCaCert: org.tlsCaCert,
      channel: net.channel,
      chaincode: net.chaincode,
    },
    identities: {
      bank: { mspId: bank.identity.mspId, certPath: bank.identity.certPath, keyPath: bank.identity.keyPath },
    },
    apiKeys: [
      {
        name: 'bench',
        sha256: createHash('sha256').update(key).digest('hex'),
        identity: 'bank',
        enterpriseId: bank.enterpriseId,
      },
    ],
  };
  const file = path.join(dir, 'api.json');
  fs.writeFileSync(file, JSON.stringify(config, null, 1));
  const logFile = path.join(dir, 'api.log');
  const api = startNode(API_MAIN, ['--config', file], logFile, dir, true);
  const base = `http://127.0.0.1:${port}`;
  const allRoutes = [
    {
      name: 'credit-profile',
      url: `${base}/api/v1/enterprises/${sme.enterpriseId}/credit-profile?window=365d&asOf=2025-12-31`,
      transaction: 'profile:GetCreditProfile',
      args: [sme.enterpriseId, '365', '2025-12-31'],
    },
    {
      name: 'production',
      url: `${base}/api/v1/enterprises/${sme.enterpriseId}/production?from=2025-12-30T00:00:00Z&to=2025-12-31T00:00:00Z&pageSize=100`,
      transaction: 'production:QueryByEnterprise',
      args: [sme.enterpriseId, '2025-12-30T00:00:00.000Z', '2025-12-31T00:00:00.000Z', '100', ''],
    },
  ];
  const unknownRoutes = options.routes.filter((name) => !allRoutes.some((r) => r.name === name));
  if (unknownRoutes.length > 0) {
    throw new Error(`--api-routes: unknown ${unknownRoutes.join(', ')} (${allRoutes.map((r) => r.name).join(', ')})`);
  }
  const routes = allRoutes.filter((r) => options.routes.length === 0 || options.routes.includes(r.name));
  const results: ApiRun[] = [];
  try {
    await waitForLog(api, logFile, /API listening/, 60_000);
    for (const route of routes) {
      const check = await fetch(route.url, { headers: { authorization: `Bearer ${key}` } });
      if (check.status !== 200) throw new Error(`${route.url}: HTTP ${check.status}: ${await check.text()}`);
      for (const connections of options.loads) {
        const apiRounds: LoadFigures[] = [];
        const gatewayRounds: LoadFigures[] = [];
        await autocannon(route.url, key, connections, options.warmupSeconds);
        const gatewayRound = async (): Promise<void> => {
          gatewayRounds.push(
            await direct(
              bank.identity,
              route.transaction,
              route.args,
              connections,
              options.warmupSeconds,
              options.roundSeconds,
            ),
          );
        };
        const apiRound = async (): Promise<void> => {
          const apiPid = api.pid ?? 0;
          const c0 = cpuSeconds(apiPid) ?? 0;
          const t0 = nowMs();
          const viaApi = await autocannon(route.url, key, connections, options.roundSeconds);
          apiRounds.push({ ...viaApi, apiCores: round(((cpuSeconds(apiPid) ?? 0) - c0) / ((nowMs() - t0) / 1000)) });
        };
        // Each side goes first in every other round, so that a drift in the machine's load favours neither.
        for (let r = 0; r < options.rounds; r++) {
          if (r % 2 === 0) {
            await gatewayRound();
            await apiRound();
          } else {
            await apiRound();
            await gatewayRound();
          }
        }
        const viaApi = medianFigures(apiRounds);
        const baseline = medianFigures(gatewayRounds);
        const row = {
          route: route.name,
          connections,
          api: viaApi,
          gateway: baseline,
          p50Ratio: ratio(viaApi.p50, baseline.p50),
          p99Ratio: ratio(viaApi.p99, baseline.p99),
          throughputRatio: ratio(viaApi.requestsPerSecond, baseline.requestsPerSecond),
          rounds: { api: apiRounds, gateway: gatewayRounds },
        };
        results.push(row);
        log(
          `api: ${route.name} at ${connections} connections: API ${viaApi.requestsPerSecond} req/s p50 ${viaApi.p50} p99 ${viaApi.p99} ms; gateway ${baseline.requestsPerSecond} req/s p50 ${baseline.p50} p99 ${baseline.p99} ms; p99 ratio ${row.p99Ratio ?? '?'}`,
        );
      }
    }
  } finally {
    await stopChild(api);
    sme.connection.close();
    bank.connection.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return {
    enterpriseId: sme.enterpriseId,
    periods: perDevice * options.devices,
    load,
    method:
      'closed loop from a second process: autocannon with N connections against the API; N workers evaluating the same transaction through the Fabric Gateway with the same bank identity and peer',
    runs: results,
  };
}
