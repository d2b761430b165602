import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { runAgentBench } from './agent-bench';
import { runApiBench } from './api-bench';
import { runCaliperBench } from './caliper-bench';
import { runLedgerBench } from './ledger-bench';
import { networkDir, openNetwork } from './network-session';
import { runProfileBench, type ProfileScenario } from './profile-bench';
import { writeResults, type BenchResults } from './results';

const PARTS = ['ledger', 'profile', 'agent', 'api', 'caliper'] as const;
/** Parts run when none is named: Caliper needs its own install (bench/caliper). */
const DEFAULT_PARTS: readonly Part[] = ['ledger', 'profile', 'agent', 'api'];
type Part = (typeof PARTS)[number];

function log(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

function numbers(text: string, name: string): number[] {
  const values = text.split(',').map((s) => Number(s.trim()));
  if (values.length === 0 || values.some((v) => !Number.isFinite(v) || v <= 0)) {
    throw new Error(`--${name}: expected positive numbers separated by commas, got '${text}'`);
  }
  return values;
}

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    concurrency: { type: 'string', default: process.env.BENCH_CONCURRENCY ?? '32' },
    warmup: { type: 'string', default: process.env.BENCH_WARMUP_SECONDS ?? '10' },
    rounds: { type: 'string', default: process.env.BENCH_ROUNDS ?? '3' },
    duration: { type: 'string', default: process.env.BENCH_DURATION_SECONDS ?? '60' },
    'batch-sizes': { type: 'string', default: process.env.BENCH_BATCH_SIZES ?? '10,50,200' },
    workloads: { type: 'string', default: process.env.BENCH_WORKLOADS ?? '' },
    'skip-deploy': { type: 'boolean', default: false },
    'profile-sizes': { type: 'string', default: process.env.BENCH_PROFILE_SIZES ?? '1000,10000,100000' },
    'profile-devices': { type: 'string', default: process.env.BENCH_PROFILE_DEVICES ?? '10' },
    'profile-evaluations': { type: 'string', default: process.env.BENCH_PROFILE_EVALUATIONS ?? '100' },
    'profile-batch': { type: 'string', default: process.env.BENCH_PROFILE_BATCH ?? '250' },
    'profile-scenarios': { type: 'string', default: process.env.BENCH_PROFILE_SCENARIOS ?? 'history,dense' },
    'agent-devices': { type: 'string', default: process.env.BENCH_AGENT_DEVICES ?? '250,500,750,1000,1500' },
    'agent-step-seconds': { type: 'string', default: process.env.BENCH_AGENT_STEP_SECONDS ?? '60' },
    'agent-warmup-seconds': { type: 'string', default: process.env.BENCH_AGENT_WARMUP_SECONDS ?? '15' },
    'soak-devices': { type: 'string', default: process.env.BENCH_SOAK_DEVICES ?? '500' },
    'soak-minutes': { type: 'string', default: process.env.BENCH_SOAK_MINUTES ?? '10' },
    'soak-sample-seconds': { type: 'string', default: process.env.BENCH_SOAK_SAMPLE_SECONDS ?? '30' },
    'devices-per-endpoint': { type: 'string', default: process.env.BENCH_DEVICES_PER_ENDPOINT ?? '10' },
    'outbox-seconds': { type: 'string', default: process.env.BENCH_OUTBOX_SECONDS ?? '30' },
    'api-periods': { type: 'string', default: process.env.BENCH_API_PERIODS ?? '10000' },
    'api-connections': { type: 'string', default: process.env.BENCH_API_CONNECTIONS ?? '1,8' },
    'api-routes': { type: 'string', default: process.env.BENCH_API_ROUTES ?? 'credit-profile,production' },
    'api-rounds': { type: 'string', default: process.env.BENCH_API_ROUNDS ?? '3' },
    'api-round-seconds': { type: 'string', default: process.env.BENCH_API_ROUND_SECONDS ?? '15' },
    'caliper-workers': { type: 'string', default: process.env.BENCH_CALIPER_WORKERS ?? '2' },
    'caliper-round-seconds': { type: 'string', default: process.env.BENCH_CALIPER_ROUND_SECONDS ?? '60' },
  },
});

async function main(): Promise<void> {
  const unknown = positionals.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`unknown part(s) ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`);
  const parts: readonly Part[] = positionals.length > 0 ? (positionals as Part[]) : DEFAULT_PARTS;
  const startedAt = new Date();
  const results: BenchResults = {};
  const network = openNetwork(log, !flags['skip-deploy']);
  try {
    if (parts.includes('ledger')) {
      results.ledger = await runLedgerBench({
        concurrency: Number(flags.concurrency),
        warmupSeconds: Number(flags.warmup),
        durationSeconds: Number(flags.duration),
        rounds: Number(flags.rounds),
        batchSizes: numbers(flags['batch-sizes'], 'batch-sizes'),
        only: flags.workloads.split(',').filter((w) => w !== ''),
        log,
      });
    }
    if (parts.includes('profile')) {
      const scenarios = flags['profile-scenarios'].split(',').filter((x) => x !== '');
      const bad = scenarios.filter((x) => x !== 'history' && x !== 'dense');
      if (bad.length > 0) throw new Error(`--profile-scenarios: unknown ${bad.join(', ')} (history, dense)`);
      results.profile = await runProfileBench({
        sizes: numbers(flags['profile-sizes'], 'profile-sizes').sort((a, b) => a - b),
        devices: Number(flags['profile-devices']),
        evaluations: Number(flags['profile-evaluations']),
        batchSize: Number(flags['profile-batch']),
        scenarios: scenarios as ProfileScenario[],
        log,
      });
    }
    if (parts.includes('agent')) {
      results.agent = await runAgentBench({
        steps: numbers(flags['agent-devices'], 'agent-devices'),
        warmupSeconds: Number(flags['agent-warmup-seconds']),
        stepSeconds: Number(flags['agent-step-seconds']),
        soakDevices: Number(flags['soak-devices']),
        soakMinutes: Number(flags['soak-minutes']),
        soakSampleSeconds: Number(flags['soak-sample-seconds']),
        devicesPerEndpoint: Number(flags['devices-per-endpoint']),
        outboxSeconds: Number(flags['outbox-seconds']),
        log,
      });
    }
    if (parts.includes('api')) {
      results.api = await runApiBench({
        periods: Number(flags['api-periods']),
        devices: 10,
        loads: numbers(flags['api-connections'], 'api-connections'),
        routes: flags['api-routes'].split(',').filter((r) => r !== ''),
        warmupSeconds: Number(flags.warmup),
        rounds: Number(flags['api-rounds']),
        roundSeconds: Number(flags['api-round-seconds']),
        log,
      });
    }
    if (parts.includes('caliper')) {
      results.caliper = await runCaliperBench({
        transactionLoad: Number(flags.concurrency),
        workers: Number(flags['caliper-workers']),
        roundSeconds: Number(flags['caliper-round-seconds']),
        batchSizes: numbers(flags['batch-sizes'], 'batch-sizes'),
        log,
      });
    }
  } finally {
    network.close();
  }
  const files = writeResults({
    date: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: {
      cores: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? '',
      memoryMiB: Math.round(os.totalmem() / 1048576),
      node: process.version,
      platform: `${os.type()} ${os.release()}`,
    },
    network: { dir: networkDir, startedByBench: network.startedHere },
    options: flags,
    parts,
    results,
  });
  log(`results: ${files.join(', ')}`);
}

main().catch((err: unknown) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  const details = (err as { details?: unknown }).details;
  if (details !== undefined) log(`details: ${JSON.stringify(details)}`);
  process.exit(1);
});
