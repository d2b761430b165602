#!/usr/bin/env node
import { Command, Option } from 'commander';
import { Agent, databasePath } from './agent';
import { AgentConfig } from './config/agent-config';
import { ConfigError } from './config/config-error';
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

function parseTime(value: string, name: string): number {
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new Error(`${name}: not a date or time: ${value}`);
  return t;
}

const program = new Command('scc-agent')
  .description('Factory gateway agent: Modbus polling → production periods → Fabric ledger')
  .showHelpAfterError();

program
  .command('start')
  .description('run the agent until SIGINT or SIGTERM; shutdown closes each current period into the outbox')
  .addOption(configOption)
  .option('--drain-ms <ms>', 'how long shutdown keeps sending the outbox', '5000')
  .action(async (opts: { config: string; drainMs: string }) => {
    const agent = new Agent({ config: load(opts.config), drainOnStopMs: Number(opts.drainMs) });
    await agent.start();
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) {
        process.stderr.write(`${signal} again: exiting without waiting\n`);
        process.exit(1);
      }
      stopping = true;
      agent.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          process.stderr.write(`shutdown failed: ${String(err)}\n`);
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
    process.stdout.write(`${out.join('\n')}\n`);
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
      process.stdout.write(opts.json ? `${JSON.stringify(me)}\n` : `${me.identityId}\n`);
    } finally {
      ledger.close();
    }
  });

program
  .command('verify')
  .description("recompute stored periods' sample digests and check them against the ledger")
  .addOption(configOption)
  .requiredOption('--device <id>', 'device id')
  .option('--period-start <time>', 'one period, by its start')
  .option('--from <time>', 'periods starting at or after this time', '1970-01-01T00:00:00Z')
  .option('--to <time>', 'periods starting before this time', '9999-12-31T00:00:00Z')
  .option('--json', 'print the results as JSON lines')
  .action(
    async (opts: {
      config: string;
      device: string;
      periodStart?: string;
      from: string;
      to: string;
      json?: boolean;
    }) => {
      const config = load(opts.config);
      const db = openAgentDatabase(databasePath(config));
      const ledger = newFabricLedger(config.fabric);
      try {
        const from = opts.periodStart ? parseTime(opts.periodStart, '--period-start') : parseTime(opts.from, '--from');
        const to = opts.periodStart ? from + 1 : parseTime(opts.to, '--to');
        const results = await verifyPeriods({
          store: new SampleStore(db),
          outbox: new Outbox(db),
          ledger,
          deviceId: opts.device,
          from,
          to,
        });
        for (const r of results) {
          process.stdout.write(
            opts.json
              ? `${JSON.stringify(r)}\n`
              : `${r.status.padEnd(15)} ${r.deviceId} ${r.periodStart} ${r.samplesDigest} (${r.sampleLines} samples)${r.problems.map((p) => `\n  ${p}`).join('')}\n`,
          );
        }
        if (results.length === 0) process.stderr.write('no stored periods in that range\n');
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
  .requiredOption('--period-start <time>', 'the period, by its start')
  .action((opts: { config: string; device: string; periodStart: string }) => {
    const db = openAgentDatabase(databasePath(load(opts.config, false)));
    try {
      for (const line of new SampleStore(db).sampleLines(opts.device, parseTime(opts.periodStart, '--period-start'))) {
        process.stdout.write(line);
      }
    } finally {
      db.close();
    }
  });

program
  .command('prune-samples')
  .description('delete raw samples of committed periods that started before a time (the periods and digests stay)')
  .addOption(configOption)
  .requiredOption('--before <time>', 'periods starting before this time')
  .action((opts: { config: string; before: string }) => {
    const db = openAgentDatabase(databasePath(load(opts.config, false)));
    try {
      const deleted = new SampleStore(db).pruneCommitted(parseTime(opts.before, '--before'));
      process.stdout.write(`deleted ${deleted} samples\n`);
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
      process.stdout.write(`pending ${depth.pending}, parked ${depth.parked}\n`);
      for (const e of outbox.parked()) {
        process.stdout.write(`parked ${e.deviceId} ${e.record.periodStart}: ${e.lastError ?? ''}\n`);
      }
      if (opts.requeueParked) process.stdout.write(`requeued ${outbox.requeueParked()}\n`);
    } finally {
      db.close();
    }
  });

program.parseAsync().catch((err: unknown) => {
  process.stderr.write(
    `${err instanceof ConfigError ? err.message : err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
