import { DeviceConfig } from '../config/agent-config';
import { ProductionRecord, toProductionRecord } from '../ledger/production-record';
import { canonicalSample } from '../sampling/canonical-sample';
import { Sample } from '../sampling/sample';
import { SampleStore } from '../storage/sample-store';
import { RefusedReading } from './observation';
import { AggregatorState, PeriodAggregator } from './period-aggregator';

/** Options for {@link DeviceRecorder}. */
export type DeviceRecorderOptions = Readonly<{
  enterpriseId: string;
  device: DeviceConfig;
  periodSeconds: number;
  store: SampleStore;
}>;

/** What recording a sample did, and the values of it that were refused. */
export type Recorded = Readonly<{
  periodStart: number | undefined;
  closed: readonly ProductionRecord[];
  refused: readonly RefusedReading[];
}>;

/**
 * One device's path from sample to outbox: aggregates each sample and stores it, with the periods it
 * closed, in one transaction. The in-memory state advances only after the transaction commits.
 */
export class DeviceRecorder {
  readonly #options: DeviceRecorderOptions;
  readonly #aggregator: PeriodAggregator;
  #state: AggregatorState;

  constructor(options: DeviceRecorderOptions) {
    this.#options = options;
    this.#aggregator = new PeriodAggregator({ device: options.device, periodSeconds: options.periodSeconds });
    this.#state = options.store.loadState(options.device.id);
  }

  get state(): AggregatorState {
    return this.#state;
  }

  /** Aggregates and stores one sample. A good sample whose words do not fit the register map throws. */
  record(sample: Sample): Recorded {
    const applied = this.#aggregator.apply(this.#state, sample);
    const closed = this.#options.store.record(
      {
        deviceId: sample.deviceId,
        t: sample.t,
        line: canonicalSample(sample),
        periodStart: applied.periodStart,
        state: applied.state,
        closed: applied.closed,
      },
      (period, digest) => toProductionRecord(this.#options.enterpriseId, this.#options.device.id, period, digest),
    );
    this.#state = applied.state;
    return { periodStart: applied.periodStart, closed, refused: applied.refused };
  }

  /** Closes the open period into the outbox (at shutdown). */
  closeNow(): ProductionRecord | undefined {
    const { state, closed } = this.#aggregator.closeNow(this.#state);
    if (!closed) return undefined;
    const record = this.#options.store.closeWithoutSample(this.#options.device.id, closed, state, (period, digest) =>
      toProductionRecord(this.#options.enterpriseId, this.#options.device.id, period, digest),
    );
    this.#state = state;
    return record;
  }
}
