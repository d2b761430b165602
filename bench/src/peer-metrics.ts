import { round } from './stats';

/** The operations endpoints of the three peers (factory, core, bank) as test-network.sh assigns them. */
export function peerOpsEndpoints(): Record<string, string> {
  const base = Number(process.env.SCC_PEER_OPS_PORT ?? '9444');
  return {
    'peer-factory': `http://127.0.0.1:${base}/metrics`,
    'peer-core': `http://127.0.0.1:${base + 1}/metrics`,
    'peer-bank': `http://127.0.0.1:${base + 2}/metrics`,
  };
}

/** One scrape: series (`name{labels}`) to value. */
export type Scrape = Map<string, number>;

/** Reads a Prometheus text endpoint (histogram buckets left out). */
export async function scrape(url: string): Promise<Scrape> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  const out: Scrape = new Map();
  for (const line of (await res.text()).split('\n')) {
    if (line === '' || line.startsWith('#') || line.includes('_bucket{')) continue;
    const cut = line.lastIndexOf(' ');
    out.set(line.slice(0, cut), Number(line.slice(cut + 1)));
  }
  return out;
}

/** Scrapes every peer. */
export async function scrapePeers(): Promise<Map<string, Scrape>> {
  const endpoints = peerOpsEndpoints();
  const out = new Map<string, Scrape>();
  for (const [name, url] of Object.entries(endpoints)) out.set(name, await scrape(url));
  return out;
}

function label(series: string, name: string): string | undefined {
  return new RegExp(`${name}="([^"]*)"`).exec(series)?.[1];
}

function delta(before: Scrape, after: Scrape, filter: (series: string) => boolean): Map<string, number> {
  const out = new Map<string, number>();
  for (const [series, value] of after) {
    if (!filter(series)) continue;
    const d = value - (before.get(series) ?? 0);
    if (d !== 0) out.set(series, d);
  }
  return out;
}

function sumWhere(d: Map<string, number>, prefix: string): number {
  let s = 0;
  for (const [series, v] of d) if (series.startsWith(prefix)) s += v;
  return s;
}

/** What one peer did between two scrapes: chaincode messages by type, endorsement and commit times. */
export type PeerActivity = Readonly<{
  /** Messages the chaincode sent to the peer (GET_STATE, PUT_STATE, ...), by type, and their mean handling time. */
  shimRequests: Readonly<Record<string, { count: number; meanMs: number }>>;
  proposals: number;
  endorseMeanMs: number | null;
  blocks: number;
  transactions: number;
  blockProcessingMeanMs: number | null;
  stateDbCommitMeanMs: number | null;
  cpuSeconds: number;
}>;

/** What changed on each peer between two scrapes of {@link scrapePeers}. */
export function scrapeDelta(before: Map<string, Scrape>, after: Map<string, Scrape>): Map<string, Scrape> {
  const out = new Map<string, Scrape>();
  for (const [name, a] of after)
    out.set(
      name,
      delta(before.get(name) ?? new Map<string, number>(), a, () => true),
    );
  return out;
}

/** Adds the changes `d` to `acc` (changes of several windows taken together). */
export function addDelta(acc: Map<string, Scrape>, d: Map<string, Scrape>): void {
  for (const [name, changes] of d) {
    const into = acc.get(name) ?? new Map<string, number>();
    for (const [series, v] of changes) into.set(series, (into.get(series) ?? 0) + v);
    acc.set(name, into);
  }
}

/** The activity of each peer between two scrapes of {@link scrapePeers}. */
export function peerActivity(
  before: Map<string, Scrape>,
  after: Map<string, Scrape>,
  chaincode = process.env.SCC_CHAINCODE_NAME ?? 'scc',
): Record<string, PeerActivity> {
  return peerActivityOf(scrapeDelta(before, after), chaincode);
}

/** The activity of each peer from its changes (see {@link scrapeDelta}). */
export function peerActivityOf(
  changes: Map<string, Scrape>,
  chaincode = process.env.SCC_CHAINCODE_NAME ?? 'scc',
): Record<string, PeerActivity> {
  const out: Record<string, PeerActivity> = {};
  for (const [name, d] of changes) {
    const shim: Record<string, { count: number; meanMs: number }> = {};
    for (const [series, v] of d) {
      if (!series.startsWith('chaincode_shim_requests_received{')) continue;
      const cc = label(series, 'chaincode') ?? '';
      if (cc !== chaincode && !cc.startsWith(`${chaincode}:`) && !cc.startsWith(`${chaincode}_`)) continue;
      const type = label(series, 'type') ?? '?';
      const durSum = [...d]
        .filter(
          ([s]) =>
            s.startsWith('chaincode_shim_request_duration_sum{') &&
            label(s, 'type') === type &&
            label(s, 'chaincode') === cc,
        )
        .reduce((acc, [, x]) => acc + x, 0);
      const prev = shim[type] ?? { count: 0, meanMs: 0 };
      const count = prev.count + v;
      shim[type] = { count, meanMs: count > 0 ? round((durSum * 1000) / count) : 0 };
    }
    const mean = (prefix: string): number | null => {
      const count = sumWhere(d, `${prefix}_count`);
      return count > 0 ? round((sumWhere(d, `${prefix}_sum`) * 1000) / count) : null;
    };
    out[name] = {
      shimRequests: shim,
      proposals: sumWhere(d, 'endorser_proposals_received'),
      endorseMeanMs: mean('endorser_proposal_duration'),
      blocks: sumWhere(d, 'ledger_block_processing_time_count'),
      transactions: sumWhere(d, 'ledger_transaction_count'),
      blockProcessingMeanMs: mean('ledger_block_processing_time'),
      stateDbCommitMeanMs: mean('ledger_statedb_commit_time'),
      cpuSeconds: round(sumWhere(d, 'process_cpu_seconds_total'), 2),
    };
  }
  return out;
}
