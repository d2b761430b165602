import { nowMs, ratio, round, sleep, summarize, type LatencySummary } from './stats';

/** One operation's outcome; `units` counts what it carried (records of a batch, 1 otherwise). */
export type OpResult = Readonly<{ ok: boolean; units: number; code?: string }>;

/** What a closed-loop run measured inside its window. */
export type LoopResult = Readonly<{
  concurrency: number;
  windowSeconds: number;
  /** Successful operations completed in the window, per second. */
  opsPerSecond: number;
  /** Units (records) of successful operations completed in the window, per second. */
  unitsPerSecond: number;
  ok: number;
  failed: number;
  failures: Readonly<Record<string, number>>;
  /** Latency of successful operations started in the window. */
  latencyMs: LatencySummary;
}>;

/** Options of {@link closedLoop}. */
export type ClosedLoopOptions = Readonly<{
  concurrency: number;
  warmupMs: number;
  durationMs: number;
  /** Runs one operation for worker `worker` (0-based); must not throw for an expected failure. */
  op: (worker: number) => Promise<OpResult>;
}>;

/** The raw outcome of one closed-loop window, to be summarised alone or with other windows. */
export type LoopWindow = {
  concurrency: number;
  seconds: number;
  ok: number;
  okUnits: number;
  failed: number;
  failures: Record<string, number>;
  latencies: number[];
};

/**
 * Runs `concurrency` workers, each issuing its next operation as soon as the last one finished,
 * for a warm-up and a measured window; operations still in flight at the end are awaited.
 */
export async function closedLoopWindow(options: ClosedLoopOptions): Promise<LoopWindow> {
  const { concurrency, warmupMs, durationMs, op } = options;
  const started = nowMs();
  const windowStart = started + warmupMs;
  const windowEnd = windowStart + durationMs;
  let stop = false;
  const w: LoopWindow = {
    concurrency,
    seconds: durationMs / 1000,
    ok: 0,
    okUnits: 0,
    failed: 0,
    failures: {},
    latencies: [],
  };
  const worker = async (index: number): Promise<void> => {
    while (!stop) {
      const t0 = nowMs();
      let result: OpResult;
      try {
        result = await op(index);
      } catch (err) {
        result = { ok: false, units: 0, code: errorCode(err) };
      }
      const t1 = nowMs();
      if (t1 >= windowStart && t1 < windowEnd) {
        if (result.ok) {
          w.ok += 1;
          w.okUnits += result.units;
        } else {
          w.failed += 1;
          const code = result.code ?? 'UNKNOWN';
          w.failures[code] = (w.failures[code] ?? 0) + 1;
        }
      }
      if (result.ok && t0 >= windowStart && t0 < windowEnd) w.latencies.push(t1 - t0);
      if (!result.ok) await sleep(50);
    }
  };
  const workers = Array.from({ length: concurrency }, (_, index) => worker(index));
  await sleep(windowEnd - nowMs());
  stop = true;
  await Promise.all(workers);
  return w;
}

/** Figures of one or more windows of the same workload taken together. */
export function summarizeWindows(windows: readonly LoopWindow[]): LoopResult {
  const seconds = windows.reduce((a, w) => a + w.seconds, 0);
  const failures: Record<string, number> = {};
  for (const w of windows) {
    for (const [code, n] of Object.entries(w.failures)) failures[code] = (failures[code] ?? 0) + n;
  }
  const ok = windows.reduce((a, w) => a + w.ok, 0);
  return {
    concurrency: windows[0]?.concurrency ?? 0,
    windowSeconds: seconds,
    opsPerSecond: round(ok / seconds, 2),
    unitsPerSecond: round(windows.reduce((a, w) => a + w.okUnits, 0) / seconds, 2),
    ok,
    failed: windows.reduce((a, w) => a + w.failed, 0),
    failures,
    latencyMs: summarize(windows.flatMap((w) => w.latencies)),
  };
}

/** One closed-loop window, summarised. */
export async function closedLoop(options: ClosedLoopOptions): Promise<LoopResult> {
  return summarizeWindows([await closedLoopWindow(options)]);
}

/** A short code for an error: the chaincode's code, a gRPC status name or the error's name. */
export function errorCode(err: unknown): string {
  if (!(err instanceof Error)) return 'UNKNOWN';
  const withDetails = err as Error & { details?: { message?: string }[]; code?: unknown };
  const texts = [err.message, ...(withDetails.details ?? []).map((d) => d.message ?? '')];
  for (const text of texts) {
    const m = /\b(MVCC_READ_CONFLICT|PHANTOM_READ_CONFLICT|ENDORSEMENT_POLICY_FAILURE|[A-Z]+_[A-Z_]+):/.exec(text);
    if (m?.[1]) return m[1];
  }
  return err.name;
}

/** Ratio helper re-exported for workload modules. */
export { ratio };
