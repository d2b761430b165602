import { AgentProbe } from './agent-probe';
import { agentCli, type AgentSetup } from './devices-step';
import type { DemoSession } from './demo-session';
import { duration, n, table } from './narrator';
import { dailySums, totalsByDevice } from './production-totals';
import type { ProductionWindow } from './replay-step';
import { waitFor } from './wait';

const DAY_MS = 86_400_000;

interface LedgerRecord {
  readonly deviceId: string;
  readonly periodStart: string;
}

/**
 * Steps 5-6 of a live run (`--agent-config`): the user's gateway agent reads the user's devices in
 * real time; the demo waits until each device has records on the ledger.
 */
export async function liveStep(session: DemoSession, agent: AgentSetup): Promise<ProductionWindow> {
  const { config, narrator, supervisor } = session;
  const factoryId = config.enterprises.factory.id;
  const step = narrator.step('Gateway agent reading your devices', 'agent');
  const startedAt = Date.now();
  supervisor.start({
    name: 'gateway-agent',
    script: agentCli,
    args: ['start', '-c', agent.file, '--drain-ms', '30000'],
  });
  const probe = new AgentProbe(agent.config.http.host, agent.config.http.port);
  session.story.agentUrl = probe.url;
  await waitFor('the gateway agent to answer on /health', () => probe.health(), 60_000, session.signal);
  step.line(`npm run agent -- start -c ${agent.file}  (health: ${probe.url}/health)`);
  for (const d of agent.config.devices) {
    step.line(
      `${d.id}: ${d.connection.type === 'tcp' ? `${d.connection.host}:${d.connection.port}` : d.connection.path} unit ${d.unitId}, every ${d.pollIntervalMs} ms, ${d.timeSource} time`,
    );
  }
  session.story.timings.readyMs = session.elapsed();
  step.proved('the agent runs with its own identity against the configured devices');

  const wait = narrator.step('Production records on the ledger', 'production');
  const since = startedAt - agent.config.period.seconds * 1000;
  wait.line(
    `waiting for ${config.live.minRecordsPerDevice} record(s) of each device (periods of ${agent.config.period.seconds} s; at most ${config.live.timeoutMinutes} min)`,
  );
  let lastReport = 0;
  const counts = await waitFor(
    'production records of every device',
    async () => {
      const records = await session.api.factory.list<LedgerRecord>(`/enterprises/${factoryId}/production`, {
        from: new Date(since).toISOString(),
        to: new Date(Date.now() + DAY_MS).toISOString(),
      });
      const byDevice = new Map(agent.config.devices.map((d) => [d.id, 0]));
      for (const r of records) byDevice.set(r.deviceId, (byDevice.get(r.deviceId) ?? 0) + 1);
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        const h = await probe.health();
        narrator.progress(
          `${[...byDevice].map(([d, c]) => `${d} ${c}`).join(', ')} records; ` +
            (h
              ? h.devices.map((d) => `${d.deviceId} ${d.up ? 'up' : `down (${d.lastError ?? ''})`}`).join(', ')
              : 'agent not answering'),
          'production',
        );
      }
      return [...byDevice.values()].every((c) => c >= config.live.minRecordsPerDevice) && byDevice;
    },
    config.live.timeoutMinutes * 60_000,
    session.signal,
    2000,
  );
  const end = Date.now();
  const start = Math.floor(since / DAY_MS) * DAY_MS;
  const totals = totalsByDevice(await dailySums(session.api.factory, factoryId, start, end + DAY_MS));
  const rows: string[][] = [['device', 'records', 'good', 'rejected', 'faults', 'kWh']];
  for (const [id, t] of totals) {
    rows.push([id, n(t.records), n(t.unitsProduced), n(t.unitsRejected), n(t.faultCount), n(t.energyWh / 1000, 2)]);
  }
  for (const line of table(rows, [1, 2, 3, 4, 5])) wait.line(line);
  wait.line(
    `after ${duration(end - startedAt)}; records since ${new Date(start).toISOString().slice(0, 10)} (${[...counts.values()].join(' + ')} new)`,
  );
  session.story.window = {
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    days: 1,
    continued: false,
  };
  session.story.production = { devices: Object.fromEntries(totals) };
  session.save();
  wait.proved("the devices' production reached the ledger through the agent, with no hand on the way");
  return { start, end: Math.ceil(end / DAY_MS) * DAY_MS, totals };
}
