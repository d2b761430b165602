import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadNetwork } from '../../test/support/fabric';
import { addDevices, newSme, runId } from './ledger-fixture';
import { repoRoot } from './network-session';
import { ratio } from './stats';

/** Options of the Caliper run. */
export type CaliperBenchOptions = Readonly<{
  /** Transactions in flight in all (Caliper's fixed-load rate controller), as the ledger part's concurrency. */
  transactionLoad: number;
  workers: number;
  roundSeconds: number;
  batchSizes: readonly number[];
  log: (line: string) => void;
}>;

export const caliperDir = path.join(repoRoot, 'bench', 'caliper');
const CALIPER_CLI = path.join(caliperDir, 'node_modules', '@hyperledger', 'caliper-cli', 'caliper.js');

/** One Caliper round as its report table gives it. */
export type CaliperRound = Readonly<{
  label: string;
  succeeded: number;
  failed: number;
  sendRateTps: number;
  maxLatencySeconds: number;
  minLatencySeconds: number;
  avgLatencySeconds: number;
  throughputTps: number;
  recordsPerSecond: number;
  ratioToCeiling: number | null;
}>;

/**
 * Writes Caliper's network configuration (from the network's `network.json`), a connection profile
 * of FactoryOrg, and the benchmark configuration into `bench/caliper/generated/`, after registering
 * an SME and its devices whose gateway identity Caliper uses. Returns the files.
 */
export async function writeCaliperConfig(options: CaliperBenchOptions): Promise<{ network: string; bench: string }> {
  const net = loadNetwork();
  const org = net.orgs.factory;
  const sme = await newSme(runId('bench-caliper'));
  const devices = Array.from(
    { length: options.transactionLoad * 2 },
    (_, i) => `machine-${String(i).padStart(3, '0')}`,
  );
  await addDevices(sme, devices, 16);
  sme.connection.close();
  const dir = path.join(caliperDir, 'generated');
  fs.mkdirSync(dir, { recursive: true });
  const profile = path.join(dir, 'connection-factory.yaml');
  const peerName = org.peerHostAlias;
  fs.writeFileSync(
    profile,
    JSON.stringify(
      {
        name: 'sme-credit-chain-factory',
        version: '1.0.0',
        client: { organization: 'FactoryOrg' },
        organizations: { FactoryOrg: { mspid: org.mspId, peers: [peerName] } },
        peers: {
          [peerName]: {
            url: `grpcs://${org.peerEndpoint}`,
            tlsCACerts: { path: org.tlsCaCert },
            grpcOptions: { 'ssl-target-name-override': peerName },
          },
        },
      },
      null,
      2,
    ),
  );
  const network = path.join(dir, 'network-config.yaml');
  fs.writeFileSync(
    network,
    JSON.stringify(
      {
        name: 'sme-credit-chain',
        version: '2.0.0',
        caliper: { blockchain: 'fabric' },
        channels: [{ channelName: net.channel, contracts: [{ id: net.chaincode }] }],
        organizations: [
          {
            mspid: org.mspId,
            identities: {
              certificates: [
                {
                  name: 'bench-gateway',
                  clientPrivateKey: { path: sme.identity.keyPath },
                  clientSignedCert: { path: sme.identity.certPath },
                },
              ],
            },
            connectionProfile: { path: profile, discover: true },
          },
        ],
      },
      null,
      2,
    ),
  );
  const workload = (kind: string, batchSize: number) => ({
    module: 'workload/production-records.js',
    arguments: {
      kind,
      batchSize,
      periodSeconds: 900,
      enterpriseId: sme.enterpriseId,
      devices,
      invoker: 'bench-gateway',
    },
  });
  const round = (label: string, kind: string, batchSize: number) => ({
    label,
    txDuration: options.roundSeconds,
    rateControl: { type: 'fixed-load', opts: { transactionLoad: options.transactionLoad, startingTps: 10 } },
    workload: workload(kind, batchSize),
  });
  const bench = path.join(dir, 'benchmark.yaml');
  fs.writeFileSync(
    bench,
    JSON.stringify(
      {
        test: {
          name: 'sme-credit-chain write path',
          description: `PingWrite (ceiling), single records and batches, ${options.transactionLoad} transactions in flight`,
          workers: { number: options.workers },
          rounds: [
            round('ping', 'ping', 1),
            round('single', 'single', 1),
            ...options.batchSizes.map((n) => round(`batch-${n}`, 'batch', n)),
          ],
        },
      },
      null,
      2,
    ),
  );
  return { network, bench };
}

function parseReport(text: string): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = /\|\s*([a-z][a-z0-9-]*)\s*\|((?:\s*[0-9.]+\s*\|){7})/.exec(line);
    if (!m?.[1] || !m[2]) continue;
    rows.set(
      m[1],
      m[2]
        .split('|')
        .map((c) => c.trim())
        .filter((c) => c !== ''),
    );
  }
  return rows;
}

/** Runs Caliper's manager (with its workers) on the generated configuration and reads its report table. */
export async function runCaliperBench(options: CaliperBenchOptions) {
  if (!fs.existsSync(CALIPER_CLI)) {
    throw new Error(
      `Caliper is not installed: cd bench/caliper && npm install && npx caliper bind --caliper-bind-sut fabric:fabric-gateway`,
    );
  }
  const files = await writeCaliperConfig(options);
  const logFile = path.join(caliperDir, 'generated', 'caliper.log');
  const args = [
    CALIPER_CLI,
    'launch',
    'manager',
    '--caliper-workspace',
    caliperDir,
    '--caliper-networkconfig',
    path.relative(caliperDir, files.network),
    '--caliper-benchconfig',
    path.relative(caliperDir, files.bench),
    '--caliper-flow-only-test',
    '--caliper-report-path',
    'generated/report.html',
  ];
  options.log(`caliper: node ${args.map((a) => path.relative(repoRoot, a) || a).join(' ')} (log ${logFile})`);
  const output = await new Promise<string>((resolve, reject) => {
    const out = fs.openSync(logFile, 'w');
    const child = spawn(process.execPath, args, { cwd: caliperDir, stdio: ['ignore', out, out], env: process.env });
    child.on('exit', (code) => {
      fs.closeSync(out);
      const text = fs.readFileSync(logFile, 'utf8');
      if (code === 0) resolve(text);
      else reject(new Error(`caliper exited with ${code ?? 'null'}; see ${logFile}`));
    });
  });
  const rows = parseReport(output);
  const ceiling = Number(rows.get('ping')?.[6] ?? NaN);
  const rounds: CaliperRound[] = [];
  for (const [label, c] of rows) {
    const [succ, fail, send, max, min, avg, tps] = c.map(Number);
    const size = label === 'ping' || label === 'single' ? 1 : Number(label.replace('batch-', ''));
    rounds.push({
      label,
      succeeded: succ ?? 0,
      failed: fail ?? 0,
      sendRateTps: send ?? 0,
      maxLatencySeconds: max ?? 0,
      minLatencySeconds: min ?? 0,
      avgLatencySeconds: avg ?? 0,
      throughputTps: tps ?? 0,
      recordsPerSecond: Math.round((tps ?? 0) * size * 10) / 10,
      ratioToCeiling: ratio((tps ?? 0) * size, ceiling),
    });
    options.log(`caliper: ${label}: ${tps ?? '?'} TPS, ${fail ?? '?'} failed, avg latency ${avg ?? '?'} s`);
  }
  return {
    command:
      'cd bench/caliper && npx caliper launch manager --caliper-workspace . --caliper-networkconfig generated/network-config.yaml --caliper-benchconfig generated/benchmark.yaml --caliper-flow-only-test',
    transactionLoad: options.transactionLoad,
    workers: options.workers,
    roundSeconds: options.roundSeconds,
    rounds,
  };
}
