import { addDevices, newBankWithConsent, newSme, runId, type Sme } from './ledger-fixture';
import { peerActivity, scrapePeers } from './peer-metrics';
import { loadRecords, type DeviceSeries, type LoadResult } from './record-loader';
import { nowMs, ratio, summarize, type LatencySummary } from './stats';
import { parseResult, type Connection } from '../../test/support/fabric';

/** Options of the credit-profile benchmark. */
export type ProfileBenchOptions = Readonly<{
  /** Production periods on the ledger for one enterprise, ascending (e.g. 1000, 10000, 100000). */
  sizes: readonly number[];
  devices: number;
  /** Evaluations measured per size, in turns with the other sizes (after a tenth as many warm-up rounds). */
  evaluations: number;
  batchSize: number;
  scenarios: readonly ProfileScenario[];
  log: (line: string) => void;
}>;

/**
 * `history`: one enterprise whose devices report every 15 minutes; its history grows backwards from
 * the profile date as periods are added (1k periods are the last days, 100k periods years).
 * `dense`: one enterprise per size, whose periods fill the same 90 days before the profile date
 * with shorter periods as the count grows: the same device-days, more raw periods.
 */
export type ProfileScenario = 'history' | 'dense';

/** One size's figures. */
export type ProfileSizeResult = Readonly<{
  periods: number;
  enterpriseId: string;
  periodSeconds: number;
  load: LoadResult;
  latencyMs: LatencySummary;
  /** The profile's own account of what it read (`computedFrom`) and the records behind it. */
  computedFrom: Readonly<Record<string, number>>;
  /** Keys read per evaluation from the profile's own counts: per-day summaries plus device spans. */
  aggregateKeysRead: number;
  /** Every key read per evaluation: point reads counted by the peer plus range results counted by the profile. */
  keysRead: number;
  /** Messages from the chaincode to the evaluating peer per evaluation, by type (peer operations metrics). */
  peerRequestsPerEvaluation: Readonly<Record<string, number>>;
}>;

export type ScenarioResult = Readonly<{
  scenario: ProfileScenario;
  description: string;
  sizes: ProfileSizeResult[];
  /** p50 latency of the largest size over the smallest. */
  p50RatioLargestToSmallest: number | null;
  p99RatioLargestToSmallest: number | null;
}>;

const AS_OF = '2025-12-31';
const WINDOW_END_MS = Date.parse('2026-01-01T00:00:00Z');
const HISTORY_PERIOD_SECONDS = 900;
const DENSE_DAYS = 90;

interface Profile {
  computedFrom: Record<string, number>;
}

/** One enterprise with a given number of periods, and the bank that reads its profile. */
interface Case {
  readonly scenario: ProfileScenario;
  readonly size: number;
  readonly sme: Sme;
  readonly bank: Connection;
  readonly periodSeconds: number;
  readonly series: DeviceSeries[];
  load?: LoadResult;
  readonly latencies: number[];
}

const RANGE_RESULT_COUNTS = [
  'dailySummaries',
  'deviceSpans',
  'contracts',
  'deliveries',
  'invoices',
  'receivables',
  'reconciliations',
] as const;

function evaluate(c: Case): Promise<Uint8Array> {
  return c.bank.contract.evaluateTransaction('profile:GetCreditProfile', c.sme.enterpriseId, '365', AS_OF);
}

/** Counts the chaincode's messages to the peers over a few evaluations of one case. */
async function countReads(
  c: Case,
  evaluations: number,
): Promise<Pick<ProfileSizeResult, 'computedFrom' | 'aggregateKeysRead' | 'keysRead' | 'peerRequestsPerEvaluation'>> {
  const profile = parseResult<Profile>(await evaluate(c));
  const before = await scrapePeers();
  for (let i = 0; i < evaluations; i++) await evaluate(c);
  const activity = peerActivity(before, await scrapePeers());
  const perEvaluation: Record<string, number> = {};
  for (const peer of Object.values(activity)) {
    for (const [type, { count }] of Object.entries(peer.shimRequests)) {
      perEvaluation[type] = (perEvaluation[type] ?? 0) + count / evaluations;
    }
  }
  const computedFrom = profile.computedFrom;
  const rangeResults = RANGE_RESULT_COUNTS.reduce((acc, k) => acc + (computedFrom[k] ?? 0), 0);
  return {
    computedFrom,
    aggregateKeysRead: (computedFrom.dailySummaries ?? 0) + (computedFrom.deviceSpans ?? 0),
    keysRead: Math.round(perEvaluation.GET_STATE ?? 0) + rangeResults,
    peerRequestsPerEvaluation: Object.fromEntries(
      Object.entries(perEvaluation).map(([k, v]) => [k, Math.round(v * 100) / 100]),
    ),
  };
}

async function newCase(scenario: ProfileScenario, size: number, devices: number): Promise<Case> {
  const sme = await newSme(runId(`bench-${scenario}${size}`));
  await addDevices(
    sme,
    Array.from({ length: devices }, (_, i) => `machine-${String(i).padStart(2, '0')}`),
  );
  sme.devices.sort();
  const bank = (await newBankWithConsent(runId(`bench-bank${size}`), sme)).connection;
  const perDevice = Math.ceil(size / devices);
  const periodSeconds = scenario === 'history' ? HISTORY_PERIOD_SECONDS : Math.floor((DENSE_DAYS * 86400) / perDevice);
  if (periodSeconds > 86400) throw new Error(`dense profile: ${size} periods are too few for ${DENSE_DAYS} days`);
  const series = sme.devices.map((deviceId) => ({
    deviceId,
    originMs: WINDOW_END_MS - perDevice * periodSeconds * 1000,
    periodSeconds,
    first: 0,
    count: perDevice,
  }));
  return { scenario, size: perDevice * devices, sme, bank, periodSeconds, series, latencies: [] };
}

const DESCRIPTIONS: Record<ProfileScenario, string> = {
  history: `${HISTORY_PERIOD_SECONDS / 60}-minute periods ending on ${AS_OF}: more periods reach further back (1k periods: the last day, 100k: about 104 days of 10 devices)`,
  dense: `periods fill the same ${DENSE_DAYS} days before ${AS_OF}: more periods are shorter periods on the same device-days`,
};

/**
 * Evaluate latency of a 365-day credit profile with more and more periods on the ledger: one
 * enterprise per scenario and size, all loaded first, then evaluated in turns (one evaluation of
 * each in every round) so that every size meets the same machine load.
 */
export async function runProfileBench(options: ProfileBenchOptions) {
  const { log } = options;
  const cases: Case[] = [];
  for (const scenario of options.scenarios) {
    for (const size of options.sizes) {
      const c = await newCase(scenario, size, options.devices);
      log(`profile: ${scenario} ${c.size}: loading into ${c.sme.enterpriseId} (periods of ${c.periodSeconds} s)`);
      c.load = await loadRecords(c.sme.connection.contract, c.sme.enterpriseId, c.series, options.batchSize);
      log(`profile: ${scenario} ${c.size}: loaded at ${c.load.recordsPerSecond} records/s`);
      cases.push(c);
    }
  }
  const warmup = Math.max(3, Math.ceil(options.evaluations / 10));
  for (let round = 0; round < warmup + options.evaluations; round++) {
    for (const c of cases) {
      const t0 = nowMs();
      await evaluate(c);
      if (round >= warmup) c.latencies.push(nowMs() - t0);
    }
  }
  const scenarios: ScenarioResult[] = [];
  for (const scenario of options.scenarios) {
    const sizes: ProfileSizeResult[] = [];
    for (const c of cases.filter((x) => x.scenario === scenario)) {
      const reads = await countReads(c, 5);
      const latencyMs = summarize(c.latencies);
      log(
        `profile: ${scenario} ${c.size}: p50 ${latencyMs.p50} ms, p99 ${latencyMs.p99} ms, keys read ${reads.keysRead} (${reads.aggregateKeysRead} per-day and span keys)`,
      );
      sizes.push({
        periods: c.size,
        enterpriseId: c.sme.enterpriseId,
        periodSeconds: c.periodSeconds,
        load: c.load ?? { records: 0, transactions: 0, seconds: 0, recordsPerSecond: 0 },
        latencyMs,
        ...reads,
      });
    }
    const first = sizes[0];
    const last = sizes[sizes.length - 1];
    scenarios.push({
      scenario,
      description: DESCRIPTIONS[scenario],
      sizes,
      p50RatioLargestToSmallest: first && last ? ratio(last.latencyMs.p50, first.latencyMs.p50) : null,
      p99RatioLargestToSmallest: first && last ? ratio(last.latencyMs.p99, first.latencyMs.p99) : null,
    });
  }
  for (const c of cases) {
    c.sme.connection.close();
    c.bank.close();
  }
  return {
    asOf: AS_OF,
    windowDays: 365,
    devices: options.devices,
    evaluator: "a bank identity with the SME's profile consent, through its own peer",
    keysReadMethod:
      'point reads: GET_STATE messages from the chaincode to the peer per evaluation (peer operations metric chaincode_shim_requests_received); range results: the counts the profile reports in computedFrom (per-day summaries, device spans, trade records)',
    scenarios,
  };
}
