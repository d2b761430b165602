import type { Contract } from '@hyperledger/fabric-gateway';
import { peer } from '@hyperledger/fabric-protos';
import { closedLoop, type LoopResult, type OpResult } from './closed-loop';
import { addDevices, newSme, periodRecord, runId, type Sme } from './ledger-fixture';
import { networkDir } from './network-session';
import { peerActivity, scrapePeers, type PeerActivity } from './peer-metrics';
import { CpuMeter, networkPids } from './proc-stats';
import { ratio } from './stats';

/** Options of the ledger write-path benchmark. */
export type LedgerBenchOptions = Readonly<{
  concurrency: number;
  warmupSeconds: number;
  durationSeconds: number;
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
    /** Cores used by each network process and by this client during the whole run of the workload. */
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
  setup: Record<string, unknown>;
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

  const results: WorkloadResult[] = [];
  const pids = new Map([...networkPids(networkDir), ['bench-client', process.pid]]);
  let ceiling = 0;
  for (const w of workloads) {
    if (options.only.length > 0 && !options.only.includes(w.name)) continue;
    log(`ledger: ${w.name} (${w.transaction}, ${w.size} per tx) at concurrency ${concurrency}`);
    const meter = new CpuMeter(pids);
    const before = await scrapePeers();
    meter.start();
    const r = await closedLoop({
      concurrency,
      warmupMs: options.warmupSeconds * 1000,
      durationMs: options.durationSeconds * 1000,
      op: w.op,
    });
    const cores = meter.stop();
    const peers = peerActivity(before, await scrapePeers());
    if (w.name === 'ping') ceiling = r.opsPerSecond;
    results.push({
      name: w.name,
      transaction: w.transaction,
      recordsPerTransaction: w.size,
      ...r,
      ratioToCeiling: ratio(r.unitsPerSecond, ceiling),
      cores,
      peers,
    });
    log(
      `ledger: ${w.name}: ${r.opsPerSecond} tx/s, ${r.unitsPerSecond} units/s, p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, failed ${r.failed}; cores ${JSON.stringify(cores)}`,
    );
  }
  sme.connection.close();
  return {
    setup: { enterpriseId: sme.enterpriseId, devices: devices.length, periodSeconds: PERIOD_SECONDS },
    workloads: results,
  };
}
