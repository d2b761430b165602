import * as fs from 'node:fs';
import * as path from 'node:path';
import type { runAgentBench } from './agent-bench';
import type { runApiBench } from './api-bench';
import type { runCaliperBench } from './caliper-bench';
import type { runLedgerBench } from './ledger-bench';
import { repoRoot } from './network-session';
import type { runProfileBench } from './profile-bench';

/** What each part measured (the parts that ran). */
export type BenchResults = Partial<{
  ledger: Awaited<ReturnType<typeof runLedgerBench>>;
  profile: Awaited<ReturnType<typeof runProfileBench>>;
  agent: Awaited<ReturnType<typeof runAgentBench>>;
  api: Awaited<ReturnType<typeof runApiBench>>;
  caliper: Awaited<ReturnType<typeof runCaliperBench>>;
}>;

/** Everything one run measured. */
export type BenchReport = Readonly<{
  date: string;
  finishedAt: string;
  machine: Readonly<{ cores: number; cpuModel: string; memoryMiB: number; node: string; platform: string }>;
  network: Readonly<{ dir: string; startedByBench: boolean }>;
  options: Readonly<Record<string, unknown>>;
  parts: readonly string[];
  results: BenchResults;
}>;

/** A benchmark target with the figure measured for it. */
export type TargetCheck = Readonly<{ target: string; measured: string; met: boolean }>;

/** Where results go: `bench/results`, or `BENCH_RESULTS_DIR` (for runs that should not update `latest.md`). */
export const resultsDir = process.env.BENCH_RESULTS_DIR ?? path.join(repoRoot, 'bench', 'results');

/** Soak memory counts as flat when neither RSS nor the JS heap grows by more than this over the second half. */
export const FLAT_MIB_PER_MINUTE = 0.5;

function fmt(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined || Number.isNaN(v) ? '–' : String(Math.round(v * 10 ** digits) / 10 ** digits);
}

/** The benchmark targets (bench/README.md), checked against what ran. */
export function checkTargets(r: BenchResults): TargetCheck[] {
  const out: TargetCheck[] = [];
  if (r.ledger) {
    const batches = r.ledger.workloads.filter((w) => w.name.startsWith('batch-'));
    const best = batches.reduce<(typeof batches)[number] | undefined>(
      (a, w) => (a === undefined || (w.ratioToCeiling ?? 0) > (a.ratioToCeiling ?? 0) ? w : a),
      undefined,
    );
    if (best) {
      out.push({
        target: 'batched records/s ≥ 20 × ceiling tx/s',
        measured: `${fmt(best.ratioToCeiling)}× (${best.name}; ${batches.map((w) => `${w.name} ${fmt(w.ratioToCeiling)}×`).join(', ')})`,
        met: (best.ratioToCeiling ?? 0) >= 20,
      });
    }
    const single = r.ledger.workloads.find((w) => w.name === 'single');
    if (single) {
      out.push({
        target: 'single records/s ≥ 0.8 × ceiling tx/s',
        measured: `${fmt(single.ratioToCeiling)}×`,
        met: (single.ratioToCeiling ?? 0) >= 0.8,
      });
    }
  }
  if (r.profile) {
    for (const s of r.profile.scenarios) {
      const first = s.sizes[0];
      const last = s.sizes[s.sizes.length - 1];
      if (!first || !last) continue;
      out.push({
        target: `profile ${last.periods}-period p50 ≤ 1.5 × ${first.periods}-period p50 (${s.scenario})`,
        measured: `${fmt(s.p50RatioLargestToSmallest)}× (p99 ${fmt(s.p99RatioLargestToSmallest)}×; keys read ${first.keysRead} → ${last.keysRead})`,
        met: (s.p50RatioLargestToSmallest ?? Infinity) <= 1.5,
      });
    }
  }
  if (r.agent) {
    out.push({
      target: '≥ 500 devices at 1 Hz within half a core',
      measured: `${r.agent.maxDevicesWithinHalfCore} devices measured within half a core (${fmt(r.agent.coresPerThousandDevices, 3)} cores per 1000 devices)`,
      met: r.agent.maxDevicesWithinHalfCore >= 500,
    });
    const soak = r.agent.soak;
    if (soak) {
      const flat =
        soak.rssSlopeMiBPerMinuteSecondHalf <= FLAT_MIB_PER_MINUTE &&
        soak.heapSlopeMiBPerMinuteSecondHalf <= FLAT_MIB_PER_MINUTE;
      out.push({
        target: `flat memory over a ${soak.minutes}-minute soak (${soak.devices} devices)`,
        measured: `RSS ${fmt(soak.rssMiB.first, 1)} → ${fmt(soak.rssMiB.last, 1)} MiB, second-half slope ${fmt(soak.rssSlopeMiBPerMinuteSecondHalf, 3)} MiB/min; heap slope ${fmt(soak.heapSlopeMiBPerMinuteSecondHalf, 3)} MiB/min`,
        met: flat && soak.minutes >= 10,
      });
    }
  }
  if (r.api) {
    for (const run of r.api.runs) {
      out.push({
        target: `API p99 ≤ 1.2 × direct Gateway (${run.route}, ${run.connections} connection${run.connections === 1 ? '' : 's'})`,
        measured: `${fmt(run.p99Ratio)}× (${fmt(run.api.p99, 1)} vs ${fmt(run.gateway.p99, 1)} ms)`,
        met: (run.p99Ratio ?? Infinity) <= 1.2,
      });
    }
  }
  return out;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** Each part's latest figures, and the run they come from. */
export type LatestParts = ReadonlyMap<keyof BenchResults, BenchReport>;

function describeRun(report: BenchReport): string {
  const m = report.machine;
  return `${report.date} to ${report.finishedAt}, ${m.cores} cores (${m.cpuModel}), ${m.memoryMiB} MiB, Node.js ${m.node}, network ${report.network.dir}${report.network.startedByBench ? ' (started by the run)' : ''}`;
}

/** The latest figures of every part as a short Markdown report. */
export function renderMarkdown(latest: LatestParts): string {
  const r: BenchResults = {};
  for (const [part, report] of latest) Object.assign(r, { [part]: report.results[part] });
  const runs = [...new Set(latest.values())].sort((a, b) => a.date.localeCompare(b.date));
  const newest = runs[runs.length - 1];
  const parts: string[] = [
    `# Benchmark results, ${newest?.date.slice(0, 10) ?? ''}`,
    '',
    'Each part as of its latest run; ratios are taken within one run (the machine is shared and noisy).',
    '',
    table(
      ['parts', 'run'],
      runs.map((run) => [
        [...latest]
          .filter(([, x]) => x === run)
          .map(([part]) => part)
          .join(', '),
        describeRun(run),
      ]),
    ),
  ];
  const targets = checkTargets(r);
  if (targets.length > 0) {
    parts.push(
      '',
      '## Targets',
      '',
      table(
        ['target', 'measured', 'met'],
        targets.map((t) => [t.target, t.measured, t.met ? 'yes' : 'no']),
      ),
    );
  }
  if (r.ledger) {
    const l = r.ledger;
    parts.push(
      '',
      `## Ledger write path (${l.workloads[0]?.concurrency ?? '?'} transactions in flight; ${l.workloads[0]?.windowSeconds ?? '?'} s measured per workload in ${l.setup.rounds} alternating rounds)`,
      '',
      table(
        [
          'workload',
          'tx/s',
          'records/s',
          '× ceiling',
          '× ceiling by round',
          'p50 ms',
          'p99 ms',
          'failed',
          'chaincode cores',
          'peer cores',
        ],
        l.workloads.map((w) => [
          `${w.name} (\`${w.transaction}\`)`,
          fmt(w.opsPerSecond, 1),
          w.name === 'ping' ? '–' : fmt(w.unitsPerSecond, 1),
          fmt(w.ratioToCeiling),
          w.roundRatios.map((x) => fmt(x)).join(' / '),
          fmt(w.latencyMs.p50, 0),
          fmt(w.latencyMs.p99, 0),
          String(w.failed),
          fmt(w.cores.chaincode),
          fmt((w.cores['peer-factory'] ?? 0) + (w.cores['peer-core'] ?? 0) + (w.cores['peer-bank'] ?? 0)),
        ]),
      ),
    );
  }
  if (r.caliper) {
    parts.push(
      '',
      `## Caliper (${r.caliper.workers} workers, fixed load of ${r.caliper.transactionLoad} transactions, ${r.caliper.roundSeconds} s rounds)`,
      '',
      table(
        ['round', 'succeeded', 'failed', 'TPS', 'records/s', '× ceiling', 'avg latency s', 'max latency s'],
        r.caliper.rounds.map((x) => [
          x.label,
          String(x.succeeded),
          String(x.failed),
          fmt(x.throughputTps, 1),
          x.label === 'ping' ? '–' : fmt(x.recordsPerSecond, 1),
          fmt(x.ratioToCeiling),
          fmt(x.avgLatencySeconds),
          fmt(x.maxLatencySeconds),
        ]),
      ),
    );
  }
  if (r.profile) {
    parts.push(
      '',
      `## Credit profile (${r.profile.windowDays}-day window as of ${r.profile.asOf}, ${r.profile.devices} devices, read by a bank)`,
      '',
      table(
        ['scenario', 'periods', 'keys read', 'per-day + span keys', 'p50 ms', 'p99 ms', 'p50 × smallest'],
        r.profile.scenarios.flatMap((s) =>
          s.sizes.map((z) => [
            s.scenario,
            String(z.periods),
            String(z.keysRead),
            String(z.aggregateKeysRead),
            fmt(z.latencyMs.p50, 1),
            fmt(z.latencyMs.p99, 1),
            fmt((z.latencyMs.p50 || NaN) / (s.sizes[0]?.latencyMs.p50 ?? NaN)),
          ]),
        ),
      ),
    );
  }
  if (r.agent) {
    const a = r.agent;
    parts.push(
      '',
      `## Gateway agent (${a.registersPerDevice} registers per device in ${a.readsPerPoll} reads, polled every ${a.pollIntervalMs} ms, ${a.devicesPerEndpoint} devices per Modbus TCP endpoint)`,
      '',
      table(
        [
          'devices',
          'agent cores',
          'polls/s',
          'failed/s',
          'values/s',
          'mean poll ms',
          'RSS MiB',
          'heap MiB',
          'simulator cores',
        ],
        a.steps.map((s) => [
          String(s.devices),
          fmt(s.agentCores, 3),
          fmt(s.pollsPerSecond, 1),
          fmt(s.failedPollsPerSecond),
          String(s.valuesPerSecond),
          fmt(s.meanPollMs, 1),
          fmt(s.rssMiB, 1),
          fmt(s.heapUsedMiB, 1),
          fmt(s.simulatorCores, 3),
        ]),
      ),
    );
    if (a.soak) {
      parts.push(
        '',
        `Soak, ${a.soak.devices} devices for ${a.soak.minutes} minutes: mean ${fmt(a.soak.meanAgentCores, 3)} cores (max ${fmt(a.soak.maxAgentCores, 3)}), ${fmt(a.soak.meanPollsPerSecond, 1)} polls/s; RSS ${fmt(a.soak.rssMiB.first, 1)} → ${fmt(a.soak.rssMiB.last, 1)} MiB (min ${fmt(a.soak.rssMiB.min, 1)}, max ${fmt(a.soak.rssMiB.max, 1)}), heap ${fmt(a.soak.heapUsedMiB.first, 1)} → ${fmt(a.soak.heapUsedMiB.last, 1)} MiB; ${a.soak.periodsClosed} periods closed, ${a.soak.recordsCommitted} records committed; at the end the agent's health was \`${a.soak.health.status}\` with ${a.soak.health.outbox.pending} records pending and ${a.soak.health.outbox.parked} parked in the outbox.`,
      );
    }
    const o = a.outbox;
    parts.push(
      '',
      `Outbox (SQLite, batches of ${o.batchSize}, ledger answering at once): ${o.appendsPerSecondAlone} appends/s alone, ${o.drainsPerSecondAlone} drains/s alone, ${o.together.appendsPerSecond} appends/s with ${o.together.drainsPerSecond} drains/s side by side (pending at most ${o.together.maxPending}, ${o.together.pendingAtEnd} at the end).`,
    );
  }
  if (r.api) {
    parts.push(
      '',
      `## REST API against the direct Gateway (${r.api.periods} periods on the ledger; medians of alternating rounds)`,
      '',
      table(
        [
          'route',
          'connections',
          'API req/s',
          'API p50',
          'API p99',
          'Gateway req/s',
          'Gateway p50',
          'Gateway p99',
          'p99 ×',
          'API cores',
        ],
        r.api.runs.map((x) => [
          x.route,
          String(x.connections),
          fmt(x.api.requestsPerSecond, 1),
          fmt(x.api.p50, 1),
          fmt(x.api.p99, 1),
          fmt(x.gateway.requestsPerSecond, 1),
          fmt(x.gateway.p50, 1),
          fmt(x.gateway.p99, 1),
          fmt(x.p99Ratio),
          fmt(x.api.apiCores, 3),
        ]),
      ),
    );
  }
  return `${parts.join('\n')}\n`;
}

/** The reports of every run in `bench/results`, oldest first. */
export function readReports(): BenchReport[] {
  if (!fs.existsSync(resultsDir)) return [];
  return fs
    .readdirSync(resultsDir)
    .filter((f) => /^\d{4}-\d{2}-\d{2}T.*\.json$/.test(f))
    .map((f) => JSON.parse(fs.readFileSync(path.join(resultsDir, f), 'utf8')) as BenchReport)
    .sort((a, b) => a.date.localeCompare(b.date));
}

/**
 * Writes `bench/results/<date and time>.json` for this run, and `bench/results/latest.md` with the
 * latest figures of every part (from this run or, for parts it did not run, from earlier ones).
 */
export function writeResults(report: BenchReport): string[] {
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = report.date.slice(0, 19).replace(/:/g, '-');
  const json = path.join(resultsDir, `${stamp}Z.json`);
  fs.writeFileSync(json, `${JSON.stringify({ ...report, targets: checkTargets(report.results) }, null, 2)}\n`);
  const latest = new Map<keyof BenchResults, BenchReport>();
  for (const run of readReports()) {
    for (const part of Object.keys(run.results) as (keyof BenchResults)[]) latest.set(part, run);
  }
  const md = path.join(resultsDir, 'latest.md');
  fs.writeFileSync(md, renderMarkdown(latest));
  return [json, md];
}
