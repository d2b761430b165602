import type { Contract } from '@hyperledger/fabric-gateway';
import { peer } from '@hyperledger/fabric-protos';
import { closedLoopWindow, summarizeWindows, type LoopResult, type LoopWindow, type OpResult } from './closed-loop';
import { addDevices, newSme, periodRecord, runId, type Sme } from './ledger-fixture';
import { networkDir } from './network-session';
import { addDelta, peerActivityOf, scrapeDelta, scrapePeers, type PeerActivity, type Scrape } from './peer-metrics';
import { CpuMeter, networkPids } from './proc-stats';
import { ratio } from './stats';

/** Options of the ledger write-path benchmark. */
export type LedgerBenchOptions = Readonly<{
  concurrency: number;
  warmupSeconds: number;
  /** Measured seconds per workload in all, split over the rounds. */
  durationSeconds: number;
  /** Rounds: each runs every workload once, in turn, so that all meet the same changes of machine load. */
  rounds: number;
  batchSizes: readonly number[];
  /** Only these workloads (ping, single, batch-N); all when empty. */
  only: readonly string[];
  log: (line: string) => void;
}>;

/** One workload's figures, with its ratio to the ceiling (the ping). */
export type WorkloadResult = LoopResult &
  Readonly<{
    name: string;
    transaction: string;
    recordsPerTransaction: number;
    /** Records (or pings) per second over the ceiling's transactions per second. */
    ratioToCeiling: number | null;
    /** The same ratio within each round (against that round's ping). */
    roundRatios: (number | null)[];
    /** Cores used by each network process and by this client while the workload ran (warm-up included). */
    cores: Readonly<Record<string, number>>;
    /** What each peer did during the workload (chaincode messages, endorsement and block times). */
    peers: Readonly<Record<string, PeerActivity>>;
  }>;

const PERIOD_SECONDS = 900;
const ORIGIN_MS = Date.parse('2021-01-01T00:00:00Z');
const codeNames = new Map<number, string>(Object.entries(peer.TxValidationCode).map(([k, v]) => [Number(v), k]));

/** Submits and waits for the commit; a commit with another status than VALID is a failure named by its code. */
export async function submitAndCommit(contract: Contract, name: string, args: string[]): Promise<OpResult> {
  const submitted = await contract.submitAsync(name, { arguments: args });
  const status = await submitted.getStatus();
  return status.successful
    ? { ok: true, units: 1 }
    : { ok: false, units: 0, code: codeNames.get(status.code) ?? `TX_${status.code}` };
}

/**
 * Committed transactions per second of `system:PingWrite` (the ceiling), of single production
 * records and of batches, all at the same client concurrency; each worker writes its own device.
 */
export async function runLedgerBench(options: LedgerBenchOptions): Promise<{
  setup: { enterpriseId: string; devices: number; periodSeconds: number; rounds: number };
  workloads: WorkloadResult[];
}> {
  const { concurrency, log } = options;
  const sme: Sme = await newSme(runId('bench-ledger'));
  log(`ledger: registering ${concurrency} devices of ${sme.enterpriseId}`);
  await addDevices(
    sme,
    Array.from({ length: concurrency }, (_, i) => `dev-${i}`),
  );
  const devices = [...sme.devices].sort();
  const cursor = new Array<number>(concurrency).fill(0);
  const { contract } = sme.connection;

  const workloads: { name: string; transaction: string; size: number; op: (w: number) => Promise<OpResult> }[] = [
    {
      name: 'ping',
      transaction: 'system:PingWrite',
      size: 1,
      op: () => submitAndCommit(contract, 'system:PingWrite', []),
    },
    {
      name: 'single',
      transaction: 'production:SubmitRecord',
      size: 1,
      op: (w) => {
        const device = devices[w] ?? '';
        const record = periodRecord(sme.enterpriseId, device, ORIGIN_MS, PERIOD_SECONDS, cursor[w] ?? 0);
        cursor[w] = (cursor[w] ?? 0) + 1;
        return submitAndCommit(contract, 'production:SubmitRecord', [JSON.stringify(record)]);
      },
    },
    ...options.batchSizes.map((size) => ({
      name: `batch-${size}`,
      transaction: 'production:SubmitRecords',
      size,
      op: async (w: number): Promise<OpResult> => {
        const device = devices[w] ?? '';
        const first = cursor[w] ?? 0;
        cursor[w] = first + size;
        const records = Array.from({ length: size }, (_, i) =>
          periodRecord(sme.enterpriseId, device, ORIGIN_MS, PERIOD_SECONDS, first + i),
        );
        const r = await submitAndCommit(contract, 'production:SubmitRecords', [JSON.stringify(records)]);
        return r.ok ? { ok: true, units: size } : r;
      },
    })),
  ];

  const selected = workloads.filter((w) => options.only.length === 0 || options.only.includes(w.name));
  const pids = new Map([...networkPids(networkDir), ['bench-client', process.pid]]);
  const windows = new Map<string, LoopWindow[]>(selected.map((w) => [w.name, []]));
  const coreSeconds = new Map<string, Record<string, number>>(selected.map((w) => [w.name, {}]));
  const runSeconds = new Map<string, number>(selected.map((w) => [w.name, 0]));
  const changes = new Map<string, Map<string, Scrape>>(selected.map((w) => [w.name, new Map()]));
  const windowMs = (options.durationSeconds * 1000) / options.rounds;
  for (let round = 1; round <= options.rounds; round++) {
    for (const w of selected) {
      const meter = new CpuMeter(pids);
      const before = await scrapePeers();
      const started = performance.now();
      meter.start();
      const window = await closedLoopWindow({
        concurrency,
        warmupMs: options.warmupSeconds * 1000,
        durationMs: windowMs,
        op: w.op,
      });
      const cores = meter.stop();
      const seconds = (performance.now() - started) / 1000;
      addDelta(changes.get(w.name) ?? new Map<string, Scrape>(), scrapeDelta(before, await scrapePeers()));
      windows.get(w.name)?.push(window);
      runSeconds.set(w.name, (runSeconds.get(w.name) ?? 0) + seconds);
      const acc = coreSeconds.get(w.name) ?? {};
      for (const [name, c] of Object.entries(cores)) acc[name] = (acc[name] ?? 0) + c * seconds;
      const r = summarizeWindows([window]);
      log(
        `ledger round ${round}/${options.rounds}: ${w.name}: ${r.opsPerSecond} tx/s, ${r.unitsPerSecond} units/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, failed ${r.failed}; machine ${cores.machine ?? '?'} cores busy`,
      );
    }
  }
  const perRound = (name: string, i: number): number => {
    const win = windows.get(name)?.[i];
    return win ? win.okUnits / win.seconds : NaN;
  };
  const pingSelected = windows.has('ping');
  const ceiling = pingSelected ? summarizeWindows(windows.get('ping') ?? []).opsPerSecond : 0;
  const results: WorkloadResult[] = selected.map((w) => {
    const r = summarizeWindows(windows.get(w.name) ?? []);
    const seconds = runSeconds.get(w.name) ?? 1;
    const cores = Object.fromEntries(
      Object.entries(coreSeconds.get(w.name) ?? {}).map(([k, v]) => [k, Math.round((v / seconds) * 1000) / 1000]),
    );
    log(
      `ledger: ${w.name}: ${r.opsPerSecond} tx/s, ${r.unitsPerSecond} units/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, failed ${r.failed}; cores ${JSON.stringify(cores)}`,
    );
    return {
      name: w.name,
      transaction: w.transaction,
      recordsPerTransaction: w.size,
      ...r,
      ratioToCeiling: pingSelected ? ratio(r.unitsPerSecond, ceiling) : null,
      roundRatios: Array.from({ length: options.rounds }, (_, i) =>
        pingSelected ? ratio(perRound(w.name, i), perRound('ping', i)) : null,
      ),
      cores,
      peers: peerActivityOf(changes.get(w.name) ?? new Map<string, Scrape>()),
    };
  });
  sme.connection.close();
  return {
    setup: {
      enterpriseId: sme.enterpriseId,
      devices: devices.length,
      periodSeconds: PERIOD_SECONDS,
      rounds: options.rounds,
    },
    workloads: results,
  };
}
