import { SteelRow } from './steel-dataset';
import { SteelReplay } from './steel-replay';

const t = (h: number, m: number) => Date.UTC(2018, 0, 1, h, m);
const row = (n: number, end: number, wh: number, load: SteelRow['load']): SteelRow => ({
  row: n,
  end,
  energyWh: wh,
  lagReactiveKvarh: 2.95,
  leadReactiveKvarh: 0,
  co2Tonnes: 0.01,
  lagPowerFactor: 73.21,
  leadPowerFactor: 100,
  weekend: false,
  load,
});

describe('SteelReplay', () => {
  const rows = [row(1, t(0, 15), 3170, 'Light_Load'), row(2, t(0, 30), 40_000, 'Medium_Load')];

  it('shows each interval from its start and adds its energy when it ends', () => {
    const replay = new SteelReplay(rows, { loop: false, counterStart: 0 });
    expect(replay.signals()).toMatchObject({ clock: t(0, 0) / 1000, runState: 0, energyWh: 0, loadLevel: 0 });
    replay.advance();
    expect(replay.signals()).toMatchObject({ clock: t(0, 15) / 1000, runState: 1, energyWh: 3170, loadLevel: 1 });
    replay.advance();
    expect(replay.finished).toBe(true);
    expect(replay.signals()).toMatchObject({ clock: t(0, 30) / 1000, runState: 0, energyWh: 43_170 });
    expect(replay.signals().lagReactiveVarh).toBeCloseTo(2950, 6);
    expect(replay.stats()).toMatchObject({ rowsReplayed: 2, energyWh: 43_170, runSeconds: 900, idleSeconds: 900 });
  });

  it('moves the clock on by the stretch when it loops', () => {
    const replay = new SteelReplay(rows, { loop: true, counterStart: 1000 });
    replay.advance();
    replay.advance();
    expect(replay.signals()).toMatchObject({ clock: t(0, 30) / 1000, energyWh: 44_170 });
  });
});
