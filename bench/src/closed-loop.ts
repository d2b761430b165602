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

/**
 * Runs `concurrency` workers, each issuing its next operation as soon as the last one finished,
 * for a warm-up and a measured window; operations still in flight at the end are awaited.
 */
export async function closedLoop(options: ClosedLoopOptions): Promise<LoopResult> {
  const { concurrency, warmupMs, durationMs, op } = options;
  const started = nowMs();
  const windowStart = started + warmupMs;
  const windowEnd = windowStart + durationMs;
  let stop = false;
  let ok = 0;
  let okUnits = 0;
  let failed = 0;
  const failures: Record<string, number> = {};
  const latencies: number[] = [];

  const worker = async (w: number): Promise<void> => {
    while (!stop) {
      const t0 = nowMs();
      let result: OpResult;
      try {
        result = await op(w);
      } catch (err) {
        result = { ok: false, units: 0, code: errorCode(err) };
      }
      const t1 = nowMs();
      if (t1 >= windowStart && t1 < windowEnd) {
        if (result.ok) {
          ok += 1;
          okUnits += result.units;
        } else {
          failed += 1;
          const code = result.code ?? 'UNKNOWN';
          failures[code] = (failures[code] ?? 0) + 1;
        }
      }
      if (result.ok && t0 >= windowStart && t0 < windowEnd) latencies.push(t1 - t0);
      if (!result.ok) await sleep(50);
    }
  };
  const workers = Array.from({ length: concurrency }, (_, w) => worker(w));
  await sleep(windowEnd - nowMs());
  stop = true;
  await Promise.all(workers);
  const seconds = durationMs / 1000;
  return {
    concurrency,
    windowSeconds: seconds,
    opsPerSecond: round(ok / seconds, 2),
    unitsPerSecond: round(okUnits / seconds, 2),
    ok,
    failed,
    failures,
    latencyMs: summarize(latencies),
  };
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
