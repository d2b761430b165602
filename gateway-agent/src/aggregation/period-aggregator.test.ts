import { DeviceConfig, RegisterConfig } from '../config/agent-config';
import { encodeRegisters } from '../decoding/register-codec';
import { Sample } from '../sampling/sample';
import { testDevice } from '../testing/fixtures';
import { RefusedReading } from './observation';
import { AggregatorState, ClosedPeriod, PeriodAggregator } from './period-aggregator';

const T0 = Date.UTC(2024, 0, 1); // a period boundary for any period length dividing a day

function register(
  name: string,
  address: number,
  type: RegisterConfig['type'],
  role: RegisterConfig['role'],
): RegisterConfig {
  const wide = type === 'uint32' || type === 'float32';
  return {
    name,
    table: 'holding',
    address,
    type,
    byteOrder: 'big',
    wordOrder: wide ? 'big' : undefined,
    scale: 1,
    offset: 0,
    role,
  };
}

function device(overrides: Partial<DeviceConfig> = {}, extra: RegisterConfig[] = []): DeviceConfig {
  return testDevice({
    registers: [
      register('good', 0, 'uint16', 'goodCount'),
      register('rejects', 1, 'uint16', 'rejectCount'),
      register('running', 2, 'uint16', 'runState'),
      register('fault', 3, 'uint16', 'faultCode'),
      ...extra,
    ],
    ...overrides,
  });
}

type Reading = { good?: number; rejects?: number; running?: number; fault?: number; energy?: number; clock?: number };

function good(t: number, r: Reading = {}): Sample {
  const words: Record<string, number[]> = {
    good: [r.good ?? 0],
    rejects: [r.rejects ?? 0],
    running: [r.running ?? 1],
    fault: [r.fault ?? 0],
  };
  if (r.energy !== undefined)
    words.energy = encodeRegisters(r.energy, { type: 'uint32', byteOrder: 'big', wordOrder: 'big' });
  if (r.clock !== undefined)
    words.clock = encodeRegisters(r.clock, { type: 'uint32', byteOrder: 'big', wordOrder: 'big' });
  return { deviceId: 'press-1', t, words };
}

const failed = (t: number): Sample => ({ deviceId: 'press-1', t, error: 'TIMEOUT' });

/** Feeds samples through the aggregator, persisting the state as JSON between samples like the agent does. */
function run(aggregator: PeriodAggregator, samples: Sample[], initial: AggregatorState = {}) {
  let state = initial;
  const closed: ClosedPeriod[] = [];
  const periods: (number | undefined)[] = [];
  const refused: RefusedReading[] = [];
  for (const sample of samples) {
    const applied = aggregator.apply(state, sample);
    state = JSON.parse(JSON.stringify(applied.state)) as AggregatorState;
    closed.push(...applied.closed);
    periods.push(applied.periodStart);
    refused.push(...applied.refused);
  }
  return { state, closed, periods, refused };
}

const seconds = (s: number) => T0 + s * 1000;

describe('PeriodAggregator', () => {
  const tenSeconds = new PeriodAggregator({ device: device(), periodSeconds: 10 });

  it('closes a period when the first sample at or after its end arrives, never before', () => {
    const { closed, periods } = run(tenSeconds, [
      good(seconds(0), { good: 0 }),
      good(seconds(5), { good: 3 }),
      good(seconds(9.999), { good: 4 }),
    ]);
    expect(closed).toEqual([]);
    expect(periods).toEqual([T0, T0, T0]);
    const next = run(tenSeconds, [good(seconds(0)), good(seconds(9)), good(seconds(10))]);
    expect(next.closed.map((p) => [p.start, p.end])).toEqual([[T0, seconds(10)]]);
    expect(next.periods).toEqual([T0, T0, seconds(10)]);
  });

  it('aligns periods to the epoch and skips periods in which nothing was sampled', () => {
    const { closed, periods } = run(tenSeconds, [good(seconds(3)), good(seconds(4)), good(seconds(37))]);
    expect(closed.map((p) => [p.start, p.end])).toEqual([[T0, seconds(10)]]);
    expect(periods[2]).toBe(seconds(30));
  });

  it('counts good parts, rejects and faults as counter increases, with run, idle and down time', () => {
    const { closed } = run(tenSeconds, [
      good(seconds(0), { good: 100, rejects: 7, running: 1 }),
      good(seconds(1), { good: 101, rejects: 7, running: 1 }),
      good(seconds(2), { good: 103, rejects: 8, running: 1, fault: 4 }),
      good(seconds(3), { good: 103, rejects: 8, running: 1, fault: 4 }),
      good(seconds(4), { good: 103, rejects: 8, running: 0 }),
      good(seconds(5), { good: 103, rejects: 8, running: 1, fault: 2 }),
      good(seconds(6), { good: 110, rejects: 9, running: 1 }),
      good(seconds(10), { good: 110, rejects: 9, running: 0 }),
    ]);
    expect(closed).toEqual([
      {
        start: T0,
        end: seconds(10),
        runSeconds: 2 + 3, // 0-2, then 6-9 held for three poll intervals
        idleSeconds: 1,
        downSeconds: 2 + 1,
        unitsProduced: 10,
        unitsRejected: 2,
        faultCount: 2,
        sampleCount: 7,
      },
    ]);
  });

  it('counts across a 16-bit wrap and a device reset', () => {
    const { state, closed } = run(tenSeconds, [
      good(seconds(0), { good: 65530 }),
      good(seconds(1), { good: 65535 }),
      good(seconds(2), { good: 4 }), // wrapped: 5 parts
      good(seconds(3), { good: 30000 }),
      good(seconds(4), { good: 2 }), // reset: counted 2 since restarting from zero
      good(seconds(10), { good: 2 }),
    ]);
    expect(closed[0]?.unitsProduced).toBe(5 + 5 + 29996 + 2);
    expect(state.open?.produced).toBe(0);
  });

  it('records failed polls as unknown time and invents no output', () => {
    const { closed } = run(tenSeconds, [
      good(seconds(0), { good: 10 }),
      failed(seconds(1)),
      failed(seconds(4)),
      failed(seconds(7)),
      failed(seconds(10)),
      failed(seconds(13)),
      good(seconds(16), { good: 25 }),
      good(seconds(20), { good: 25 }),
    ]);
    expect(closed).toEqual([
      {
        start: T0,
        end: seconds(10),
        runSeconds: 3, // the last good sample stands for three poll intervals
        idleSeconds: 0,
        downSeconds: 0,
        unitsProduced: 0,
        unitsRejected: 0,
        faultCount: 0,
        sampleCount: 1,
      },
      {
        start: seconds(10),
        end: seconds(20),
        runSeconds: 3, // 16-19: seen at 16; 10-16 nobody saw
        idleSeconds: 0,
        downSeconds: 0,
        unitsProduced: 15, // seen after the gap, counted where it was seen
        unitsRejected: 0,
        faultCount: 0,
        sampleCount: 1,
      },
    ]);
  });

  it('gives a silent device records with no samples, one per period, while it is polled', () => {
    const { closed } = run(tenSeconds, [failed(seconds(1)), failed(seconds(11)), failed(seconds(21))]);
    expect(closed.map((p) => [p.start, p.sampleCount, p.runSeconds + p.idleSeconds + p.downSeconds])).toEqual([
      [T0, 0, 0],
      [seconds(10), 0, 0],
    ]);
  });

  it('puts an increase that spans a boundary in the earlier period, split time across both', () => {
    const { closed, state } = run(tenSeconds, [
      good(seconds(8), { good: 1, running: 1 }),
      good(seconds(11), { good: 4, running: 0 }),
    ]);
    expect(closed[0]).toMatchObject({ unitsProduced: 3, runSeconds: 2 });
    expect(state.open).toMatchObject({ start: seconds(10), runMs: 1000, produced: 0 });
  });

  it('closes the current period at shutdown and starts the next one where it ended', () => {
    const first = run(tenSeconds, [good(seconds(0), { good: 1 }), good(seconds(2.4), { good: 5 })]);
    const shutdown = tenSeconds.closeNow(first.state);
    expect(shutdown.closed).toEqual({
      start: T0,
      end: seconds(3),
      runSeconds: 3,
      idleSeconds: 0,
      downSeconds: 0,
      unitsProduced: 4,
      unitsRejected: 0,
      faultCount: 0,
      sampleCount: 2,
    });
    const after = run(tenSeconds, [good(seconds(2.9), { good: 9 }), good(seconds(12), { good: 9 })], shutdown.state);
    expect(after.closed).toEqual([
      expect.objectContaining({ start: seconds(3), end: seconds(10), unitsProduced: 4, sampleCount: 1 }),
    ]);
  });

  it('leaves nothing to close at shutdown when no period is open', () => {
    expect(tenSeconds.closeNow({}).closed).toBeUndefined();
  });

  it('gives the same periods whether or not it restarts from its persisted state', () => {
    const samples = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((i) =>
      i % 4 === 3 ? failed(seconds(i * 2.5)) : good(seconds(i * 2.5), { good: i * 3, rejects: i, running: i % 2 }),
    );
    const straight = run(tenSeconds, samples);
    const firstHalf = run(tenSeconds, samples.slice(0, 6));
    const secondHalf = run(tenSeconds, samples.slice(6), firstHalf.state);
    expect([...firstHalf.closed, ...secondHalf.closed]).toEqual(straight.closed);
    expect(secondHalf.state).toEqual(straight.state);
  });

  it('starts a new counter baseline when the register map changed since the state was saved', () => {
    const before = run(tenSeconds, [good(seconds(0), { good: 100 }), good(seconds(2), { good: 105 })]);
    const remapped = new PeriodAggregator({
      device: device({}, [register('spare', 9, 'uint16', 'measurement')]),
      periodSeconds: 10,
    });
    const withSpare = (s: Sample): Sample => ({ ...s, words: { ...s.words, spare: [0] } });
    const after = run(
      remapped,
      [
        withSpare(good(seconds(4), { good: 7 })),
        withSpare(good(seconds(6), { good: 9 })),
        withSpare(good(seconds(10))),
      ],
      before.state,
    );
    // 100 -> 105 before; the new map's first reading (7) is a baseline, not a reset; then 7 -> 9 and 9 -> 0 (reset: 0)
    expect(after.closed[0]).toMatchObject({ start: T0, unitsProduced: 5 + 2, sampleCount: 4 });
    const same = run(tenSeconds, [good(seconds(4), { good: 107 }), good(seconds(10), { good: 107 })], before.state);
    expect(same.closed[0]).toMatchObject({ unitsProduced: 7, sampleCount: 3 });
  });

  describe('with the device clock', () => {
    const meter = device({ timeSource: 'device', holdSeconds: 900, pollIntervalMs: 100 }, [
      register('energy', 4, 'uint32', 'energy'),
      register('clock', 6, 'uint32', 'clock'),
    ]);
    const hourly = new PeriodAggregator({ device: meter, periodSeconds: 3600 });
    const epoch = T0 / 1000;

    it('accounts device time and energy exactly, however often each interval was sampled', () => {
      // Four 15-minute intervals: run, idle, run, run; energy 1000, 250, 3000, 2750 Wh.
      const intervals = [
        { running: 1, wh: 1000 },
        { running: 0, wh: 250 },
        { running: 1, wh: 3000 },
        { running: 1, wh: 2750 },
      ];
      const samples: Sample[] = [];
      let energy = 0;
      intervals.forEach((interval, i) => {
        for (let poll = 0; poll < 1 + i; poll++) {
          samples.push(good(T0 + samples.length, { clock: epoch + i * 900, running: interval.running, energy }));
        }
        energy += interval.wh;
      });
      samples.push(good(T0 + 99, { clock: epoch + 3600, running: 0, energy }));
      samples.push(failed(T0 + 100));
      const { closed, periods } = run(hourly, samples);
      expect(closed).toEqual([
        {
          start: T0,
          end: T0 + 3600_000,
          runSeconds: 2700,
          idleSeconds: 900,
          downSeconds: 0,
          unitsProduced: 0,
          unitsRejected: 0,
          faultCount: 0,
          energyWh: 7000,
          sampleCount: 10,
        },
      ]);
      expect(periods.at(-1)).toBe(T0 + 3600_000);
    });

    it('keeps failed polls in the open period without moving its clock', () => {
      const { periods, closed } = run(hourly, [failed(T0), good(T0 + 1, { clock: epoch, energy: 5 }), failed(T0 + 2)]);
      expect(periods).toEqual([undefined, T0, T0]);
      expect(closed).toEqual([]);
    });

    it('closes nothing at shutdown when no device time passed in the open period', () => {
      const { state } = run(hourly, [good(T0, { clock: epoch, energy: 5 }), good(T0 + 1, { clock: epoch, energy: 5 })]);
      expect(hourly.closeNow(state).closed).toBeUndefined();
    });

    it('never lets the clock run backwards', () => {
      const { state } = run(hourly, [
        good(T0, { clock: epoch + 600, running: 1, energy: 0 }),
        good(T0 + 1, { clock: epoch + 300, running: 1, energy: 0 }),
        good(T0 + 2, { clock: epoch + 900, running: 1, energy: 0 }),
      ]);
      expect(state.open).toMatchObject({ runMs: 300_000, goodSamples: 3 });
    });

    it('does not use a device clock that is not a time', () => {
      const float64 = { type: 'float64', byteOrder: 'big', wordOrder: 'big' } as const;
      const nan = encodeRegisters(NaN, float64);
      const floatClock = device({ timeSource: 'device', holdSeconds: 900 }, [
        { ...register('clock', 6, 'float32', 'clock'), type: 'float64', wordOrder: 'big' },
      ]);
      const aggregator = new PeriodAggregator({ device: floatClock, periodSeconds: 3600 });
      const at = (s: number) => encodeRegisters(s, float64);
      const sample = (clock: number[]): Sample => ({
        deviceId: 'press-1',
        t: T0,
        words: { good: [0], rejects: [0], running: [1], fault: [0], clock },
      });
      const { state, refused, periods } = run(aggregator, [sample(at(epoch)), sample(nan), sample(at(epoch + 60))]);
      expect(refused).toEqual([expect.objectContaining({ register: 'clock', role: 'clock', value: NaN })]);
      expect(periods).toEqual([T0, T0, T0]);
      expect(state.open).toMatchObject({ runMs: 60_000, goodSamples: 2, lastT: T0 + 60_000 });
    });
  });

  describe('energy readings that are not numbers or not plausible', () => {
    const float32 = { type: 'float32', byteOrder: 'big', wordOrder: 'big' } as const;
    const floatMeter = device({}, [{ ...register('energy', 4, 'float32', 'energy'), wordOrder: 'big' }]);
    const aggregator = new PeriodAggregator({ device: floatMeter, periodSeconds: 10 });
    const metered = (s: number, wh: number): Sample => ({
      deviceId: 'press-1',
      t: seconds(s),
      words: { good: [0], rejects: [0], running: [1], fault: [0], energy: encodeRegisters(wh, float32) },
    });
    const energies = (closed: readonly ClosedPeriod[]) => closed.map((p) => p.energyWh);

    it.each([
      ['NaN', NaN],
      ['+Infinity', Infinity],
      ['-Infinity', -Infinity],
      ['3.4e38', 3.4e38],
    ])(
      'leaves the energy of a period with a %s reading out and keeps the last good reading as the baseline',
      (_name, bad) => {
        const { closed, refused } = run(aggregator, [
          metered(0, 100),
          metered(3, 150),
          metered(6, bad),
          metered(10, 300),
          metered(13, 340),
          metered(20, 340),
        ]);
        expect(closed.map((p) => 'energyWh' in p)).toEqual([false, true]);
        // 150 -> 300 spans the refused reading, in the period left out; then 300 -> 340
        expect(energies(closed)).toEqual([undefined, 40]);
        expect(closed[0]).toMatchObject({ sampleCount: 3, runSeconds: 9 });
        expect(refused).toHaveLength(1);
        expect(refused[0]).toMatchObject({ register: 'energy', role: 'energy' });
        expect(Object.is(refused[0]!.value, Math.fround(bad))).toBe(true);
        expect(refused[0]!.reason).toMatch(/energy of the period is left out$/);
      },
    );

    it('gives a meter flipping between 0 and 3.4e38 no energy where it flipped, never a huge sum', () => {
      const samples: Sample[] = [];
      for (let s = 0; s < 20; s++) samples.push(metered(s, s % 2 === 0 ? 0 : 3.4e38));
      for (let s = 20; s <= 30; s++) samples.push(metered(s, s - 20));
      const { closed, refused } = run(aggregator, samples);
      expect(energies(closed)).toEqual([undefined, undefined, 10]);
      expect(refused).toHaveLength(10);
    });

    it('refuses an increase that would take a period beyond its share of 2^53 - 1 Wh a day', () => {
      const float64 = { type: 'float64', byteOrder: 'big', wordOrder: 'big' } as const;
      const bigMeter = device({}, [
        { ...register('energy', 4, 'float32', 'energy'), type: 'float64', wordOrder: 'big' },
      ]);
      const big = new PeriodAggregator({ device: bigMeter, periodSeconds: 10 });
      const at = (s: number, wh: number): Sample => ({
        deviceId: 'press-1',
        t: seconds(s),
        words: { good: [0], rejects: [0], running: [1], fault: [0], energy: encodeRegisters(wh, float64) },
      });
      // each reading is below 2^53, but 0 -> 4e15 -> 0 -> 4e15 would add 8e15 Wh in ten seconds
      const { closed, refused } = run(big, [
        at(0, 0),
        at(1, 4e15),
        at(2, 0),
        at(3, 4e15),
        at(10, 4e15),
        at(11, 4e15 + 5),
        at(20, 4e15 + 5),
      ]);
      expect(energies(closed)).toEqual([undefined, 5]);
      expect(refused.map((r) => r.reason)).toEqual([
        expect.stringMatching(/^rises by 4000000000000000 Wh, more than the 1042\d+ Wh a period of 10 s can take/),
        expect.stringMatching(/^rises by 4000000000000000 Wh/),
      ]);
    });

    it('takes a stored baseline of null (a NaN saved by an older agent) as no baseline', () => {
      const { state } = run(aggregator, [metered(0, 100)]);
      const old = JSON.parse(JSON.stringify(state).replace('"energy":100', '"energy":null')) as AggregatorState;
      const { closed } = run(aggregator, [metered(3, 5000), metered(6, 5010), metered(10, 5010)], old);
      expect(energies(closed)).toEqual([10]);
    });
  });
});
