import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './network-session';

/** Everything one run measured. */
export type BenchReport = Readonly<{
  date: string;
  finishedAt: string;
  machine: Readonly<Record<string, unknown>>;
  network: Readonly<Record<string, unknown>>;
  parts: readonly string[];
  results: Readonly<Record<string, unknown>>;
}>;

export const resultsDir = path.join(repoRoot, 'bench', 'results');

/** Writes `bench/results/<date>.json` and `bench/results/latest.md`; returns their paths. */
export function writeResults(report: BenchReport): string[] {
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = report.date.slice(0, 19).replace(/:/g, '-');
  const json = path.join(resultsDir, `${stamp}Z.json`);
  fs.writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  return [json];
}
