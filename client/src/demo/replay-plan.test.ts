import { DAY_MS, planReplay, ReplayExhaustedError, type ReplaySettings } from './replay-plan';

const start = Date.UTC(2018, 0, 1);
const settings: ReplaySettings = {
  start,
  days: 59,
  speed: 14_400,
  millFirstRow: 1,
  cycleSeconds: 3200,
  steel: { start, rows: 35_040 },
  ai4iRows: 10_000,
};

describe('planReplay', () => {
  it('replays the configured days from the start on a ledger without the devices', () => {
    const plan = planReplay(settings, undefined);
    expect(plan).toMatchObject({
      windowStart: start,
      windowEnd: start + 59 * DAY_MS,
      days: 59,
      continued: false,
      steel: { first: 1, count: 59 * 96 },
      mill: { first: 1, count: 59 * 27 },
    });
    expect(plan.wallSeconds).toBeCloseTo((59 * 86_400) / 14_400);
  });

  it('continues at the next midnight after the last period on the ledger', () => {
    const plan = planReplay(settings, start + 3 * DAY_MS - 30 * 60_000);
    expect(plan.windowStart).toBe(start + 3 * DAY_MS);
    expect(plan.continued).toBe(true);
    expect(plan.steel.first).toBe(3 * 96 + 1);
    expect(plan.mill.first).toBe(3 * 27 + 1);
  });

  it('cuts the window where the steel data ends and refuses once everything is on the ledger', () => {
    const near = planReplay(settings, start + 360 * DAY_MS);
    expect(near.windowEnd).toBe(start + 365 * DAY_MS);
    expect(near.days).toBe(5);
    expect(() => planReplay(settings, start + 365 * DAY_MS)).toThrow(ReplayExhaustedError);
  });

  it('ignores ledger production older than the configured start', () => {
    expect(planReplay(settings, start - DAY_MS).windowStart).toBe(start);
  });
});
