import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Agent } from '../../src/agent';
import { fileLogger, sampleDevice, writeAgentConfig } from './support/agent-fixture';
import { ledgerRecords, overlaps, registerFactory, totals } from './support/ledger-fixture';
import { agentState, drainAndStop, replayedAndSeen, sampledSince, startSimulator } from './support/scenario';
import { Cleanup } from './support/cleanup';
import { sampleMachine } from './support/simulator-fixture';

const FIRST = 865; // 2018-01-10 00:00-00:15
const COUNT = 96; // one day of quarter hours
const repoRoot = join(__dirname, '..', '..', '..');

type Interval = { hour: string; wh: number; running: boolean };

/** The stretch's quarter hours read straight from the CSV: hour they belong to, Wh, load. */
function intervalsFromCsv(): Interval[] {
  const lines = readFileSync(join(repoRoot, 'data', 'steel_industry_energy', 'Steel_industry_data.csv'), 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r\n/)
    .filter((l) => l !== '');
  return lines.slice(FIRST, FIRST + COUNT).map((line) => {
    const cells = line.split(',');
    const [d = 0, m = 0, y = 0, hh = 0, mm = 0] = /^(\d\d)\/(\d\d)\/(\d{4}) (\d\d):(\d\d)$/
      .exec(cells[0]!)!
      .slice(1)
      .map(Number);
    let end = Date.UTC(y, m - 1, d, hh, mm);
    if (hh === 0 && mm === 0) end += 86_400_000; // a day's midnight reading carries that day's date
    const start = end - 900_000;
    const [whole, fraction = ''] = cells[1]!.split('.');
    return {
      hour: new Date(start - (start % 3_600_000)).toISOString(),
      wh: Number(whole) * 1000 + Number(fraction.padEnd(3, '0')),
      running: cells[cells.length - 1] !== 'Light_Load',
    };
  });
}

/** The steel plant's metering → simulator (meter with clock) → agent on device time → Fabric network. */
describe('end to end: a stretch of steel plant metering on the ledger', () => {
  const cleanup = new Cleanup();
  afterAll(() => cleanup.run(), 300_000);

  it('records per hour exactly the energy and run/idle split of the replayed quarter hours', async () => {
    const intervals = intervalsFromCsv();
    const factory = await registerFactory(['meter']);
    cleanup.add(() => {
      factory.owner.close();
    });
    const deviceId = factory.deviceIds[0]!;
    const started = await startSimulator([
      sampleMachine(3, { startPaused: true, rows: { first: FIRST, count: COUNT }, speed: 900 }), // 1 s a row
    ]);
    const simulator = started.simulator;
    cleanup.add(() => simulator.stop());
    const { config, dir } = writeAgentConfig({
      cleanup,
      factory,
      periodSeconds: 3600,
      devices: [
        // Every quarter hour must be seen for an exact run/idle split: a connection lost on a busy
        // machine is taken up again within a fraction of a row, not after the sample file's backoff.
        sampleDevice('steel-meter', deviceId, started.port, {
          pollIntervalMs: 50,
          timeoutMs: 300,
          reconnect: { initialMs: 50, maxMs: 200 },
        }),
      ],
    });
    const running = new Agent({ config, logger: fileLogger(join(dir, 'agent.log')), drainOnStopMs: 240_000 });
    const release = cleanup.add(() => running.stop());
    await running.start();
    await sampledSince(() => running.health(), Date.now());
    simulator.resume(3);
    await replayedAndSeen(simulator, [3], () => running.health());
    await drainAndStop(running);
    release();

    expect(agentState(config).depth).toEqual({ pending: 0, parked: 0 });
    const records = await ledgerRecords(factory.owner, factory.enterpriseId, deviceId);
    expect(overlaps(records)).toEqual([]);
    expect(records).toHaveLength(COUNT / 4);
    const sums = totals(records);
    const expected = {
      energyWh: intervals.reduce((s, i) => s + i.wh, 0),
      runSeconds: intervals.filter((i) => i.running).length * 900,
      idleSeconds: intervals.filter((i) => !i.running).length * 900,
    };
    expect({ energyWh: sums.energyWh, runSeconds: sums.runSeconds, idleSeconds: sums.idleSeconds }).toEqual(expected);
    expect(expected.runSeconds).toBeGreaterThan(0);
    expect(expected.idleSeconds).toBeGreaterThan(0);
    const stats = simulator.stats()[0]!;
    expect([stats.energyWh, stats.runSeconds, stats.idleSeconds]).toEqual([
      expected.energyWh,
      expected.runSeconds,
      expected.idleSeconds,
    ]);

    const hourly = new Map<string, { energyWh: number; runSeconds: number; idleSeconds: number }>();
    for (const i of intervals) {
      const h = hourly.get(i.hour) ?? { energyWh: 0, runSeconds: 0, idleSeconds: 0 };
      h.energyWh += i.wh;
      if (i.running) h.runSeconds += 900;
      else h.idleSeconds += 900;
      hourly.set(i.hour, h);
    }
    expect(
      records.map((r) => ({
        hour: r.periodStart,
        periodEnd: r.periodEnd,
        energyWh: r.energyWh,
        runSeconds: r.runSeconds,
        idleSeconds: r.idleSeconds,
        downSeconds: r.downSeconds,
      })),
    ).toEqual(
      [...hourly].map(([hour, h]) => ({
        hour,
        periodEnd: new Date(Date.parse(hour) + 3_600_000).toISOString(),
        ...h,
        downSeconds: 0,
      })),
    );
  }, 600_000);
});
