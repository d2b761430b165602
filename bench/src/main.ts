import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { runLedgerBench } from './ledger-bench';
import { networkDir, openNetwork } from './network-session';
import { writeResults } from './results';

const PARTS = ['ledger', 'profile', 'agent', 'api'] as const;
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
    warmup: { type: 'string', default: process.env.BENCH_WARMUP_SECONDS ?? '5' },
    duration: { type: 'string', default: process.env.BENCH_DURATION_SECONDS ?? '30' },
    'batch-sizes': { type: 'string', default: process.env.BENCH_BATCH_SIZES ?? '10,50,200' },
    workloads: { type: 'string', default: process.env.BENCH_WORKLOADS ?? '' },
  },
});

async function main(): Promise<void> {
  const unknown = positionals.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`unknown part(s) ${unknown.join(', ')}; parts: ${PARTS.join(', ')}`);
  const parts: readonly Part[] = positionals.length > 0 ? (positionals as Part[]) : PARTS;
  const startedAt = new Date();
  const results: Record<string, unknown> = {};
  const network = openNetwork(log);
  try {
    if (parts.includes('ledger')) {
      results.ledger = await runLedgerBench({
        concurrency: Number(flags.concurrency),
        warmupSeconds: Number(flags.warmup),
        durationSeconds: Number(flags.duration),
        batchSizes: numbers(flags['batch-sizes'], 'batch-sizes'),
        only: flags.workloads.split(',').filter((w) => w !== ''),
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
    parts,
    results,
  });
  log(`results: ${files.join(', ')}`);
}

main().catch((err: unknown) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
