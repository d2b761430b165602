import { DeviceRecorder } from '../aggregation/device-recorder';
import { RefusedReading } from '../aggregation/observation';
import { ProductionRecord } from '../ledger/production-record';
import { FailedRead, SampleSource } from '../modbus/device-source';
import { AgentMetrics } from '../ops/agent-metrics';
import { Logger } from '../ops/logger';

/** Options for {@link DevicePoller}. */
export type DevicePollerOptions = Readonly<{
  source: SampleSource;
  recorder: DeviceRecorder;
  intervalMs: number;
  logger: Logger;
  metrics?: AgentMetrics;
  /** Called with the records of periods a sample closed. */
  onClosed?: (records: readonly ProductionRecord[]) => void;
}>;

/** How a device is doing, for /health. */
export type DeviceStatus = Readonly<{
  deviceId: string;
  up: boolean;
  lastPollAt: string | undefined;
  lastGoodAt: string | undefined;
  consecutiveFailures: number;
  lastError: string | undefined;
  openPeriodStart: string | undefined;
}>;

/**
 * Polls one device on a fixed schedule (a poll that overruns its slot delays the next one, polls
 * never overlap) and records every sample, good or failed. A device that fails affects only itself.
 */
export class DevicePoller {
  readonly #options: DevicePollerOptions;
  #timer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> | undefined;
  #stopped = true;
  #lastPollAt: number | undefined;
  #lastGoodAt: number | undefined;
  #failures = 0;
  #lastError: string | undefined;
  /** Consecutive good samples in which a register's value was refused, by register. */
  readonly #refusals = new Map<string, number>();

  constructor(options: DevicePollerOptions) {
    this.#options = options;
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Stops polling and waits for the poll in flight to be recorded. */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#inFlight;
  }

  status(): DeviceStatus {
    const open = this.#options.recorder.state.open;
    return {
      deviceId: this.#options.source.deviceId,
      up: this.#lastPollAt !== undefined && this.#failures === 0,
      lastPollAt: iso(this.#lastPollAt),
      lastGoodAt: iso(this.#lastGoodAt),
      consecutiveFailures: this.#failures,
      lastError: this.#lastError,
      openPeriodStart: iso(open?.start),
    };
  }

  /** Polls once and records the sample. */
  async pollOnce(): Promise<void> {
    const { source, recorder, logger, metrics, onClosed } = this.#options;
    const device = source.deviceId;
    const started = Date.now();
    const { sample, error, failedRead } = await source.poll();
    metrics?.pollSeconds.observe({ device }, (Date.now() - started) / 1000);
    this.#lastPollAt = sample.t;
    if (error) {
      this.#failures += 1;
      this.#lastError = `${error.code}: ${error.message}${failedRead ? ` (${describeRead(failedRead)})` : ''}`;
      metrics?.polls.inc({ device, result: 'error' });
      metrics?.pollErrors.inc({ device, code: error.code });
      metrics?.deviceUp.set({ device }, 0);
      const log =
        this.#failures === 1 || this.#failures % 100 === 0 ? logger.warn.bind(logger) : logger.debug.bind(logger);
      log({ code: error.code, error: error.message, failures: this.#failures, ...failedRead }, 'poll failed');
    } else {
      if (this.#failures > 0) logger.info({ after: this.#failures }, 'device answers again');
      this.#failures = 0;
      this.#lastError = undefined;
      this.#lastGoodAt = sample.t;
      metrics?.polls.inc({ device, result: 'ok' });
      metrics?.deviceUp.set({ device }, 1);
    }
    try {
      const { closed, refused } = recorder.record(sample);
      if (sample.words) this.#reportRefused(refused);
      if (closed.length > 0) {
        metrics?.periodsClosed.inc({ device }, closed.length);
        for (const record of closed) {
          logger.info(
            {
              periodStart: record.periodStart,
              unitsProduced: record.unitsProduced,
              unitsRejected: record.unitsRejected,
              sampleCount: record.sampleCount,
            },
            'period closed',
          );
        }
        onClosed?.(closed);
      }
    } catch (err) {
      logger.error({ err }, 'sample could not be recorded');
    }
  }

  /** Logs refused values (at warn the first time and every 100th time in a row) and counts them. */
  #reportRefused(refused: readonly RefusedReading[]): void {
    const { source, logger, metrics } = this.#options;
    const names = new Set(refused.map((r) => r.register));
    for (const name of this.#refusals.keys()) if (!names.has(name)) this.#refusals.delete(name);
    for (const r of refused) {
      const times = (this.#refusals.get(r.register) ?? 0) + 1;
      this.#refusals.set(r.register, times);
      metrics?.readingsRefused.inc({ device: source.deviceId, register: r.register });
      const log = times === 1 || times % 100 === 0 ? logger.warn.bind(logger) : logger.debug.bind(logger);
      log(
        { register: r.register, role: r.role, value: String(r.value), reason: r.reason, times },
        `reading of ${r.register} refused: ${String(r.value)} ${r.reason}`,
      );
    }
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => {
      const started = Date.now();
      this.#inFlight = this.pollOnce().finally(() => {
        this.#inFlight = undefined;
        if (!this.#stopped) {
          this.#schedule(Math.max(0, started + this.#options.intervalMs - Date.now()));
        }
      });
    }, delayMs);
  }
}

/** A failed request in words, e.g. `reading holding 4+2: good, rejects`. */
export function describeRead(read: FailedRead): string {
  return `reading ${read.table} ${read.address}+${read.count}: ${read.registers.join(', ')}`;
}

function iso(t: number | undefined): string | undefined {
  return t === undefined ? undefined : new Date(t).toISOString();
}
