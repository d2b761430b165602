import { Ai4iRow } from './ai4i-dataset';
import { Ai4iReplay } from './ai4i-replay';

const row = (n: number, failure = false, hdf = false): Ai4iRow => ({
  row: n,
  udi: n,
  productId: `L${n}`,
  type: 'L',
  airTemperatureK: 298 + n / 10,
  processTemperatureK: 308,
  rotationalSpeedRpm: 1500,
  torqueNm: 40,
  toolWearMin: n,
  machineFailure: failure,
  twf: false,
  hdf,
  pwf: false,
  osf: false,
  rnf: false,
});

const start = Date.UTC(2024, 0, 1);

describe('Ai4iReplay', () => {
  it('shows the current cycle running and counts its part when it ends', () => {
    const replay = new Ai4iReplay([row(1), row(2, true, true), row(3)], {
      cycleSeconds: 60,
      startTime: start,
      loop: false,
      counterStart: 0,
    });
    expect(replay.signals()).toMatchObject({ clock: start / 1000, runState: 1, faultCode: 0, goodParts: 0, udi: 1 });
    replay.advance();
    expect(replay.signals()).toMatchObject({ clock: start / 1000 + 60, faultCode: 2, goodParts: 1, rejectedParts: 0 });
    replay.advance();
    replay.advance();
    expect(replay.finished).toBe(true);
    expect(replay.advance()).toBe(false);
    expect(replay.signals()).toMatchObject({
      clock: start / 1000 + 180,
      runState: 0,
      faultCode: 0,
      goodParts: 2,
      rejectedParts: 1,
      failures: 1,
    });
    expect(replay.stats()).toMatchObject({
      rowsReplayed: 3,
      firstRow: 1,
      lastRow: 3,
      goodParts: 2,
      rejectedParts: 1,
      failures: 1,
      runSeconds: 120,
      downSeconds: 60,
    });
  });

  it('starts counters at the configured value and restarts them from zero on a reset', () => {
    const replay = new Ai4iReplay([row(1), row(2)], {
      cycleSeconds: 1,
      startTime: start,
      loop: false,
      counterStart: 65535,
    });
    replay.advance();
    expect(replay.signals().goodParts).toBe(65536);
    replay.resetCounters();
    replay.advance();
    expect(replay.signals().goodParts).toBe(1);
    expect(replay.stats().goodParts).toBe(2);
  });

  it('loops with the clock running on', () => {
    const replay = new Ai4iReplay([row(1), row(2)], {
      cycleSeconds: 10,
      startTime: start,
      loop: true,
      counterStart: 0,
    });
    for (let i = 0; i < 5; i++) replay.advance();
    expect(replay.finished).toBe(false);
    expect(replay.stats()).toMatchObject({ rowsReplayed: 5, loops: 2 });
    expect(replay.signals()).toMatchObject({ clock: start / 1000 + 50, goodParts: 5, udi: 2 });
  });
});
