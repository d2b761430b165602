#!/usr/bin/env node
import { loadAgentConfig } from '@sme-credit-chain/gateway-agent';
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { DemoConfigError, loadDemoConfig, type DemoConfig } from './demo-config';
import { defaultDemoConfig, demoPaths, networkDir } from './demo-paths';
import { DemoSession } from './demo-session';
import { runningDemo, stopRecorded } from './recorded-processes';
import { runStory } from './story';

/** What identifies the demo's own process in a process list. */
export const MAIN_MARKER = 'demo/main.js';

const usage = `usage: npm start [-- options]     (node client/dist/demo/main.js [options])

  --config FILE         demo configuration (default client/config/demo.yaml)
  --days N              plant days to replay in this run (replay.days)
  --speed X             plant seconds per wall second (replay.speed)
  --agent-config FILE   run the gateway agent with this configuration against your own devices,
                        in real time, instead of the simulator's replay (implies --no-simulator)
  --no-simulator        do not start the PLC simulator (with --agent-config)
  --exit-when-done      stop everything once the story is complete
  --help

Stop with Ctrl-C, or \`npm stop\` from another terminal.`;

interface Cli {
  readonly config: string;
  readonly agentConfig?: string;
  readonly simulator: boolean;
  readonly exitWhenDone: boolean;
  readonly days?: number;
  readonly speed?: number;
  readonly help: boolean;
}

function parseCli(argv: readonly string[]): Cli {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      config: { type: 'string' },
      'agent-config': { type: 'string' },
      'no-simulator': { type: 'boolean', default: false },
      'exit-when-done': { type: 'boolean', default: false },
      days: { type: 'string' },
      speed: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const number = (name: string, v: string | undefined): number | undefined => {
    if (v === undefined) return undefined;
    const x = Number(v);
    if (!Number.isFinite(x) || x <= 0)
      throw new DemoConfigError('command line', [`--${name}: must be a positive number`]);
    return x;
  };
  if (values['no-simulator'] && values['agent-config'] === undefined) {
    throw new DemoConfigError('command line', [
      '--no-simulator: the generated agent configuration reads the demo simulator; give your devices with --agent-config FILE',
    ]);
  }
  return {
    config: values.config ?? defaultDemoConfig,
    ...(values['agent-config'] === undefined ? {} : { agentConfig: values['agent-config'] }),
    simulator: !values['no-simulator'] && values['agent-config'] === undefined,
    exitWhenDone: values['exit-when-done'],
    ...(values.days === undefined ? {} : { days: number('days', values.days) }),
    ...(values.speed === undefined ? {} : { speed: number('speed', values.speed) }),
    help: values.help,
  };
}

/** With --agent-config the factory is the enterprise that configuration writes for. */
function withAgentEnterprise(config: DemoConfig, agentConfig: string | undefined): DemoConfig {
  if (agentConfig === undefined) return config;
  const agent = loadAgentConfig(agentConfig, { checkFiles: true });
  return {
    ...config,
    enterprises: { ...config.enterprises, factory: { ...config.enterprises.factory, id: agent.enterpriseId } },
  };
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2));
  if (cli.help) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const config = withAgentEnterprise(
    loadDemoConfig(cli.config, process.env, {
      ...(cli.days === undefined ? {} : { days: cli.days }),
      ...(cli.speed === undefined ? {} : { speed: cli.speed }),
    }),
    cli.agentConfig,
  );
  const paths = demoPaths(config.stateDir);
  fs.mkdirSync(paths.root, { recursive: true });
  const other = runningDemo(paths.lockFile, MAIN_MARKER);
  if (other !== undefined) {
    throw new Error(`a demo is already running (pid ${other}, state in ${paths.root}): stop it with npm stop first`);
  }
  fs.writeFileSync(paths.lockFile, `${process.pid}\n`);
  const leftovers = await stopRecorded(paths.pids);
  const session = new DemoSession(
    config,
    {
      configFile: cli.config,
      ...(cli.agentConfig === undefined ? {} : { agentConfig: cli.agentConfig }),
      simulator: cli.simulator,
      exitWhenDone: cli.exitWhenDone,
    },
    networkDir(),
  );
  if (leftovers.length > 0) {
    session.narrator.print(
      `stopped what an earlier demo left running: ${leftovers.map((l) => `${l.name} (pid ${l.pid})`).join(', ')}`,
    );
  }
  if (fs.existsSync(paths.networkMarker)) session.startedNetwork = true;

  let stopping: Promise<void> | undefined;
  const shutdown = (code: number, why: string): Promise<void> => {
    stopping ??= (async () => {
      session.abort.abort(new Error('stopped'));
      session.network.interrupt();
      const { narrator, supervisor } = session;
      narrator.print();
      narrator.print(
        `stopping (${why}): ${[...supervisor.running(), ...(session.startedNetwork ? ['network'] : [])].join(', ') || 'nothing to stop'}`,
      );
      await supervisor.stop('plc-simulator', 5000);
      await supervisor.stop('gateway-agent', 45_000);
      await Promise.all(['factory-api', 'core-api', 'bank-api'].map((name) => supervisor.stop(name, 15_000)));
      if (session.startedNetwork) {
        narrator.print('stopping the network this demo started (./test-network.sh down; the ledger is kept)');
        await session.network.run(['down']);
        fs.rmSync(paths.networkMarker, { force: true });
      }
      fs.rmSync(paths.lockFile, { force: true });
      narrator.log.info({ component: 'demo', code }, 'stopped');
      narrator.print('stopped; nothing the demo started is left running');
      process.exit(code);
    })();
    return stopping;
  };
  let signals = 0;
  const onSignal = (signal: string): void => {
    signals += 1;
    if (signals > 1) {
      process.stderr.write(`${signal} again: killing what is left\n`);
      session.supervisor.killAll();
      session.network.interrupt();
      fs.rmSync(paths.lockFile, { force: true });
      process.exit(1);
    }
    void shutdown(0, signal);
  };
  process.on('SIGINT', () => {
    onSignal('SIGINT');
  });
  process.on('SIGTERM', () => {
    onSignal('SIGTERM');
  });

  try {
    await runStory(session);
  } catch (err) {
    if (stopping) return;
    const failure = session.failure ?? err;
    session.narrator.print();
    session.narrator.print(`the demo failed: ${describe(failure)}`);
    session.narrator.print(`logs: ${session.show(paths.logs)}; what it did so far: ${session.show(paths.story)}`);
    session.narrator.log.error({ component: 'demo', err: failure }, 'failed');
    await shutdown(1, 'the story failed');
    return;
  }
  if (cli.exitWhenDone) {
    await shutdown(0, '--exit-when-done');
    return;
  }
  session.supervisor.onUnexpectedExit((child, code) => {
    session.narrator.print(`note: ${child.name} exited (${String(code)}); its log: ${child.logFile}`);
  });
  session.narrator.print();
  session.narrator.print('The demo keeps running (APIs, gateway agent, simulator). Stop it with Ctrl-C or `npm stop`.');
  setInterval(() => undefined, 60_000);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(err instanceof DemoConfigError ? 2 : 1);
});
