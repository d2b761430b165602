import { Command, Option } from 'commander';
import { Agent, databasePath } from './agent';
import { parseDrainMs, parseTime } from './cli-args';
import { AgentConfig } from './config/agent-config';
import { loadAgentConfig } from './config/load-config';
import { newFabricLedger } from './ledger/fabric-ledger';
import { planReads } from './modbus/read-plan';
import { openAgentDatabase } from './storage/agent-database';
import { Outbox } from './storage/outbox';
import { SampleStore } from './storage/sample-store';
import { verifyPeriods } from './verify';

const configOption = new Option('-c, --config <file>', 'agent configuration file (YAML)')
  .env('SCC_AGENT_CONFIG')
  .makeOptionMandatory();

function load(file: string, checkFiles = true): AgentConfig {
  return loadAgentConfig(file, { checkFiles });
}

/** Refuses a device id that is neither in the configuration file nor in its database. */
function checkDevice(file: string, config: AgentConfig, store: SampleStore, deviceId: string): void {
  const configured = config.devices.map((d) => d.id);
  if (configured.includes(deviceId) || store.deviceIds().includes(deviceId)) return;
  throw new Error(
    `--device: no device '${deviceId}' in ${file} or in its database (devices: ${configured.join(', ')})`,
  );
}

/** Where the CLI writes; tests capture it. */
export type CliOutput = Readonly<{ out: (text: string) => void; err: (text: string) => void }>;

const stdio: CliOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * The `scc-agent` command line. Arguments are checked before anything is opened: a bad one is an
 * error naming it. `configure` runs before the commands are added (tests use it for `exitOverride`).
 */
export function newCliProgram(io: CliOutput = stdio, configure?: (program: Command) => void): Command {
  const program = new Command('scc-agent')
    .description('Factory gateway agent: Modbus polling → production periods → Fabric ledger')
    .showHelpAfterError()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  configure?.(program);

  program
    .command('start')
    .description('run the agent until SIGINT or SIGTERM; shutdown closes each current period into the outbox')
    .addOption(configOption)
    .addOption(
      new Option('--drain-ms <ms>', 'how long shutdown keeps sending the outbox').argParser(parseDrainMs).default(5000),
    )
    .action(async (opts: { config: string; drainMs: number }) => {
      const agent = new Agent({ config: load(opts.config), drainOnStopMs: opts.drainMs });
      await agent.start();
      let stopping = false;
      const stop = (signal: string): void => {
        if (stopping) {
          io.err(`${signal} again: exiting without waiting\n`);
          process.exit(1);
        }
        stopping = true;
        agent.stop().then(
          () => process.exit(0),
          (err: unknown) => {
            io.err(`shutdown failed: ${String(err)}\n`);
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });

  program
    .command('check-config')
    .description('validate a configuration file and print what the agent would read')
    .addOption(configOption)
    .option('--no-files', 'do not check that the identity and TLS files exist')
    .action((opts: { config: string; files: boolean }) => {
      const config = load(opts.config, opts.files);
      const out: string[] = [
        `${opts.config}: valid`,
        `enterprise ${config.enterpriseId}; periods of ${config.period.seconds} s; state in ${config.stateDir}`,
        `ledger ${config.fabric.peerEndpoint} channel ${config.fabric.channel} chaincode ${config.fabric.chaincode} as ${config.fabric.mspId}`,
        `health and metrics on http://${config.http.host}:${config.http.port}/health and /metrics`,
      ];
      for (const d of config.devices) {
        const where =
          d.connection.type === 'tcp'
            ? `tcp ${d.connection.host}:${d.connection.port}`
            : `rtu ${d.connection.path} ${d.connection.baudRate} ${d.connection.parity} ${d.connection.dataBits}${d.connection.stopBits}`;
        out.push(
          `device ${d.id}: ${where} unit ${d.unitId}, every ${d.pollIntervalMs} ms, timeout ${d.timeoutMs} ms, ${d.timeSource} time`,
        );
        for (const b of planReads(d.registers, d.maxReadGap)) {
          out.push(`  read ${b.table} ${b.address}+${b.count}: ${b.values.map((v) => v.name).join(', ')}`);
        }
        for (const r of d.registers.filter((r) => r.role !== 'measurement')) {
          out.push(`  ${r.role}: ${r.name}`);
        }
      }
      io.out(`${out.join('\n')}\n`);
    });

  program
    .command('whoami')
    .description("print the agent identity's ID as the chaincode sees it (registry:WhoAmI), to register devices with")
    .addOption(configOption)
    .option('--json', 'print the whole answer as JSON')
    .action(async (opts: { config: string; json?: boolean }) => {
      const ledger = newFabricLedger(load(opts.config).fabric);
      try {
        const me = await ledger.whoAmI();
        io.out(opts.json ? `${JSON.stringify(me)}\n` : `${me.identityId}\n`);
      } finally {
        ledger.close();
      }
    });

  program
    .command('verify')
    .description("recompute stored periods' sample digests and check them against the ledger")
    .addOption(configOption)
    .requiredOption('--device <id>', 'device id')
    .addOption(
      new Option('--period-start <time>', 'one period, by its start').argParser(parseTime).conflicts(['from', 'to']),
    )
    .addOption(
      new Option('--from <time>', 'periods starting at or after this time')
        .argParser(parseTime)
        .default(0, '1970-01-01T00:00:00Z'),
    )
    .addOption(
      new Option('--to <time>', 'periods starting before this time')
        .argParser(parseTime)
        .default(Date.UTC(9999, 11, 31), '9999-12-31T00:00:00Z'),
    )
    .option('--json', 'print the results as JSON lines')
    .action(
      async (opts: {
        config: string;
        device: string;
        periodStart?: number;
        from: number;
        to: number;
        json?: boolean;
      }) => {
        const from = opts.periodStart ?? opts.from;
        const to = opts.periodStart === undefined ? opts.to : opts.periodStart + 1;
        if (from >= to) {
          throw new Error(`--from ${new Date(from).toISOString()} is not before --to ${new Date(to).toISOString()}`);
        }
        const config = load(opts.config);
        const db = openAgentDatabase(databasePath(config));
        try {
          checkDevice(opts.config, config, new SampleStore(db), opts.device);
        } catch (err) {
          db.close();
          throw err;
        }
        const ledger = newFabricLedger(config.fabric);
        try {
          const results = await verifyPeriods({
            store: new SampleStore(db),
            outbox: new Outbox(db),
            ledger,
            deviceId: opts.device,
            from,
            to,
          });
          for (const r of results) {
            io.out(
              opts.json
                ? `${JSON.stringify(r)}\n`
                : `${r.status.padEnd(15)} ${r.deviceId} ${r.periodStart} ${r.samplesDigest} (${r.sampleLines} samples)${r.problems.map((p) => `\n  ${p}`).join('')}\n`,
            );
          }
          if (results.length === 0) io.err('no stored periods in that range\n');
          process.exitCode = results.length > 0 && results.every((r) => r.status === 'OK') ? 0 : 1;
        } finally {
          ledger.close();
          db.close();
        }
      },
    );

  program
    .command('samples')
    .description("print a stored period's raw samples in their canonical encoding (what samplesDigest covers)")
    .addOption(configOption)
    .requiredOption('--device <id>', 'device id')
    .addOption(
      new Option('--period-start <time>', 'the period, by its start').argParser(parseTime).makeOptionMandatory(),
    )
    .action((opts: { config: string; device: string; periodStart: number }) => {
      const config = load(opts.config, false);
      const db = openAgentDatabase(databasePath(config));
      try {
        const store = new SampleStore(db);
        checkDevice(opts.config, config, store, opts.device);
        const lines = store.sampleLines(opts.device, opts.periodStart);
        if (lines.length === 0) {
          const start = new Date(opts.periodStart).toISOString();
          throw new Error(
            store.period(opts.device, opts.periodStart)
              ? `--period-start: the samples of device '${opts.device}' for the period starting ${start} were pruned`
              : `--period-start: device '${opts.device}' has no period starting ${start} (periods start at multiples of ${config.period.seconds} s, or where a shutdown closed one)`,
          );
        }
        for (const line of lines) io.out(line);
      } finally {
        db.close();
      }
    });

  program
    .command('prune-samples')
    .description('delete raw samples of committed periods that started before a time (the periods and digests stay)')
    .addOption(configOption)
    .addOption(
      new Option('--before <time>', 'periods starting before this time').argParser(parseTime).makeOptionMandatory(),
    )
    .action((opts: { config: string; before: number }) => {
      const db = openAgentDatabase(databasePath(load(opts.config, false)));
      try {
        const deleted = new SampleStore(db).pruneCommitted(opts.before);
        io.out(`deleted ${deleted} samples\n`);
      } finally {
        db.close();
      }
    });

  program
    .command('outbox')
    .description('show what waits in the outbox; optionally requeue parked records')
    .addOption(configOption)
    .option('--requeue-parked', 'put parked records back in the queue (after fixing what the chaincode refused)')
    .action((opts: { config: string; requeueParked?: boolean }) => {
      const db = openAgentDatabase(databasePath(load(opts.config, false)));
      try {
        const outbox = new Outbox(db);
        const depth = outbox.depth();
        io.out(`pending ${depth.pending}, parked ${depth.parked}\n`);
        for (const e of outbox.parked()) {
          io.out(`parked ${e.deviceId} ${e.record.periodStart}: ${e.lastError ?? ''}\n`);
        }
        if (opts.requeueParked) io.out(`requeued ${outbox.requeueParked()}\n`);
      } finally {
        db.close();
      }
    });

  return program;
}
