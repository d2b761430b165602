import { createHash } from 'node:crypto';
import { DeviceConfig } from '../config/agent-config';
import { isGood, Sample } from '../sampling/sample';
import { counterDelta } from './counter-delta';
import { scaleValue } from '../decoding/register-codec';
import {
  CounterRole,
  MachineState,
  MAX_ENERGY_WH,
  Observation,
  ObservationReader,
  Reading,
  RefusedReading,
} from './observation';

/** A period being filled. Times are milliseconds on the period clock. */
export type OpenPeriod = Readonly<{
  start: number;
  end: number;
  runMs: number;
  idleMs: number;
  downMs: number;
  produced: number;
  rejected: number;
  faults: number;
  energyWh: number;
  /** An energy reading or increase in the period was refused, so its energy is unknown and left out. */
  energyGap?: boolean;
  goodSamples: number;
  /** Latest period-clock time of a sample in the period. */
  lastT: number;
}>;

/** Everything the aggregator remembers about a device; persisted after every sample. */
export type AggregatorState = Readonly<{
  /** The last good observation: the baseline for counters and the state that holds until the next one. */
  last?: Observation;
  /** End of the last closed period; a new period never starts before it. */
  lastClosedEnd?: number;
  open?: OpenPeriod;
  /** Fingerprint of the register map the baseline was read with. */
  map?: string;
}>;

/** A finished period, ready to become a ledger record. */
export type ClosedPeriod = Readonly<{
  start: number;
  end: number;
  runSeconds: number;
  idleSeconds: number;
  downSeconds: number;
  unitsProduced: number;
  unitsRejected: number;
  faultCount: number;
  energyWh?: number;
  sampleCount: number;
}>;

/** The result of applying one sample. */
export type Applied = Readonly<{
  state: AggregatorState;
  /** Start of the period the sample belongs to; undefined when it belongs to none. */
  periodStart: number | undefined;
  closed: readonly ClosedPeriod[];
  /** Values of the sample that were not used (see {@link ObservationReader.read}). */
  refused: readonly RefusedReading[];
}>;

/** Options for {@link PeriodAggregator}. */
export type PeriodAggregatorOptions = Readonly<{
  device: DeviceConfig;
  periodSeconds: number;
}>;

/**
 * Turns a device's samples into periods of fixed length aligned to the Unix epoch (UTC).
 *
 * Time: the state seen in a good sample holds until the next good sample, for at most `holdSeconds`
 * (default three poll intervals); time nobody saw is left out of run, idle and down, so
 * `periodEnd - periodStart - run - idle - down` is the unknown time of the period's gaps.
 *
 * Counters: the increase between two good samples belongs to the period of the earlier sample while
 * that period is still open, otherwise to the period of the later sample (after a shutdown or a long
 * silence the increase is counted when it is seen, never spread or guessed). Without a fault counter,
 * each change of the fault code from zero to non-zero counts as one fault.
 *
 * Energy: a reading that is not a finite number or beyond any meter, or an increase that would take
 * a period above its share of 2^53 - 1 Wh a day, is refused. The period then has no energy figure
 * (a gap, not a number); a refused reading leaves the previous one as the baseline, and an increase
 * refused as too large starts a new one.
 *
 * Periods close when a sample (any sample with agent time, a good one with device time) falls at or
 * after their end. The aggregator is a pure function of its state, so it survives restarts exactly;
 * a state saved under a different register map keeps its periods but starts a new counter baseline.
 */
export class PeriodAggregator {
  readonly #reader: ObservationReader;
  readonly #periodMs: number;
  readonly #holdMs: number;
  readonly #deviceTime: boolean;
  readonly #map: string;

  constructor(options: PeriodAggregatorOptions) {
    const { device } = options;
    this.#map = createHash('sha256')
      .update(JSON.stringify({ registers: device.registers, timeSource: device.timeSource }))
      .digest('hex')
      .slice(0, 16);
    this.#reader = new ObservationReader(device);
    this.#periodMs = options.periodSeconds * 1000;
    this.#holdMs = Math.round((device.holdSeconds ?? (3 * device.pollIntervalMs) / 1000) * 1000);
    this.#deviceTime = device.timeSource === 'device';
  }

  /** Decodes a good sample (throws when the words do not fit the register map); a failed one gives nothing. */
  observe(sample: Sample): Reading {
    return isGood(sample) ? this.#reader.read(sample.words, sample.t) : { observation: undefined, refused: [] };
  }

  apply(previous: AggregatorState, sample: Sample): Applied {
    const state = this.#adopt(previous);
    const { observation, refused } = this.observe(sample);
    if (observation) return this.#applyGood(state, observation, refused);
    if (this.#deviceTime) {
      return { state, periodStart: state.open?.start, closed: [], refused };
    }
    const t = this.#clamp(state, sample.t);
    const closed: ClosedPeriod[] = [];
    let { open, lastClosedEnd } = state;
    if (open && t >= open.end) {
      open = state.last ? this.#account(open, state.last, open.end) : open;
      closed.push(this.#finish(open, open.end));
      lastClosedEnd = open.end;
      open = undefined;
    }
    open = { ...(open ?? this.#newPeriod(t, lastClosedEnd)) };
    open = { ...open, lastT: Math.max(open.lastT, t) };
    return { state: { ...state, open, lastClosedEnd }, periodStart: open.start, closed, refused };
  }

  /** Closes the open period at shutdown, ending it at the last sample (rounded up to a second). */
  closeNow(previous: AggregatorState): { state: AggregatorState; closed?: ClosedPeriod } {
    const state = this.#adopt(previous);
    let open = state.open;
    if (!open) return { state };
    let end = Math.min(open.end, Math.ceil(open.lastT / 1000) * 1000);
    if (state.last) open = this.#account(open, state.last, end);
    const empty = open.runMs + open.idleMs + open.downMs === 0 && open.produced + open.rejected + open.faults === 0;
    if (end <= open.start) {
      if (empty && open.energyWh === 0) return { state };
      end = open.start + 1000;
    }
    return { state: { ...state, open: undefined, lastClosedEnd: end }, closed: this.#finish(open, end) };
  }

  #applyGood(state: AggregatorState, current: Observation, readRefused: readonly RefusedReading[]): Applied {
    const t = this.#clamp(state, current.t);
    const last = state.last;
    const refused = [...readRefused];
    const energyRefused = this.#reader.hasEnergy && current.counters.energy === undefined;
    const baseline = finite(last?.counters.energy);
    let observation = t === current.t ? current : { ...current, t };
    if (energyRefused && baseline !== undefined) {
      observation = { ...observation, counters: { ...observation.counters, energy: baseline } };
    }
    const closed: ClosedPeriod[] = [];
    let { open, lastClosedEnd } = state;
    let counted = false;
    if (open && t >= open.end) {
      if (last) {
        open = this.#account(open, last, open.end);
        if (last.t >= open.start) {
          open = this.#addDeltas(open, last, observation, refused);
          counted = true;
        }
      }
      closed.push(this.#finish(open, open.end));
      lastClosedEnd = open.end;
      open = undefined;
    }
    open ??= this.#newPeriod(t, lastClosedEnd);
    if (last) {
      open = this.#account(open, last, t);
      if (!counted) open = this.#addDeltas(open, last, observation, refused);
    }
    if (energyRefused) open = { ...open, energyGap: true };
    open = { ...open, goodSamples: open.goodSamples + 1, lastT: Math.max(open.lastT, t) };
    return {
      state: { last: observation, lastClosedEnd, open, map: this.#map },
      periodStart: open.start,
      closed,
      refused,
    };
  }

  /**
   * A state saved with another register map keeps its periods but not its baseline: readings of a
   * changed map are not compared with the old ones (the first new sample starts a new baseline).
   */
  #adopt(state: AggregatorState): AggregatorState {
    if (state.map === this.#map) return state;
    const { last: _dropped, ...rest } = state;
    return { ...rest, map: this.#map };
  }

  /** Time never runs backwards: a sample is placed no earlier than what came before it. */
  #clamp(state: AggregatorState, t: number): number {
    return Math.max(t, state.last?.t ?? t, state.open?.lastT ?? t, state.lastClosedEnd ?? t);
  }

  #newPeriod(t: number, lastClosedEnd: number | undefined): OpenPeriod {
    const aligned = Math.floor(t / this.#periodMs) * this.#periodMs;
    return {
      start: Math.max(aligned, lastClosedEnd ?? aligned),
      end: aligned + this.#periodMs,
      runMs: 0,
      idleMs: 0,
      downMs: 0,
      produced: 0,
      rejected: 0,
      faults: 0,
      energyWh: 0,
      goodSamples: 0,
      lastT: t,
    };
  }

  /** Adds the time `from`'s state held, up to `until` and at most the hold time, that falls in the period. */
  #account(open: OpenPeriod, from: Observation, until: number): OpenPeriod {
    const a = Math.max(from.t, open.start);
    const b = Math.min(until, open.end, from.t + this.#holdMs);
    if (b <= a) return open;
    const key: Record<MachineState, 'runMs' | 'idleMs' | 'downMs'> = { run: 'runMs', idle: 'idleMs', down: 'downMs' };
    const field = key[from.state];
    return { ...open, [field]: open[field] + (b - a) };
  }

  #addDeltas(open: OpenPeriod, from: Observation, to: Observation, refused: RefusedReading[]): OpenPeriod {
    const faults = this.#reader.hasFaultCounter
      ? this.#delta('faultCount', from, to)
      : from.faultCode === 0 && to.faultCode !== 0
        ? 1
        : 0;
    const counted: OpenPeriod = {
      ...open,
      produced: open.produced + this.#delta('goodCount', from, to),
      rejected: open.rejected + this.#delta('rejectCount', from, to),
      faults: open.faults + faults,
    };
    const energy = this.#delta('energy', from, to);
    const limit = (MAX_ENERGY_WH * (open.end - open.start)) / 86_400_000;
    if (open.energyWh + energy <= limit) return { ...counted, energyWh: open.energyWh + energy };
    const meter = this.#reader.counter('energy')?.register;
    if (meter) {
      refused.push({
        register: meter.name,
        role: meter.role,
        value: scaleValue(to.counters.energy ?? 0, meter.scale, meter.offset),
        reason: `rises by ${energy} Wh, more than the ${Math.floor(limit)} Wh a period of ${(open.end - open.start) / 1000} s can take; energy of the period is left out`,
      });
    }
    return { ...counted, energyGap: true };
  }

  #delta(role: CounterRole, from: Observation, to: Observation): number {
    const counter = this.#reader.counter(role);
    const previous = finite(from.counters[role]);
    const current = finite(to.counters[role]);
    if (!counter || previous === undefined || current === undefined) return 0;
    const step = counterDelta(previous, current, counter.modulus, counter.register.maxStep);
    return step.delta * counter.register.scale;
  }

  #finish(open: OpenPeriod, end: number): ClosedPeriod {
    return {
      start: open.start,
      end,
      runSeconds: Math.floor(open.runMs / 1000),
      idleSeconds: Math.floor(open.idleMs / 1000),
      downSeconds: Math.floor(open.downMs / 1000),
      unitsProduced: open.produced,
      unitsRejected: open.rejected,
      faultCount: open.faults,
      ...(this.#reader.hasEnergy && open.energyGap !== true
        ? { energyWh: Math.round(open.energyWh * 1000) / 1000 }
        : {}),
      sampleCount: open.goodSamples,
    };
  }
}

/** A stored number, or undefined for anything else (a state saved before readings were checked may hold null). */
function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
