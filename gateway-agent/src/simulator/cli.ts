#!/usr/bin/env node
import { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ConfigError } from '../config/config-error';
import { newLogger } from '../ops/logger';
import { PlcSimulator } from './plc-simulator';
import { loadSimulatorConfig, SimulatorConfig } from './simulator-config';

type Options = {
  config: string;
  port?: string;
  host?: string;
  speed?: string;
  rows?: string;
  paused?: boolean;
  statsFile?: string;
  logLevel: string;
};

function override(config: SimulatorConfig, opts: Options): SimulatorConfig {
  const rows = opts.rows ? parseRows(opts.rows) : undefined;
  return {
    ...config,
    ...(opts.host ? { host: opts.host } : {}),
    ...(opts.port ? { port: Number(opts.port) } : {}),
    ...(opts.statsFile ? { statsFile: opts.statsFile } : {}),
    machines: config.machines.map((m) => ({
      ...m,
      ...(opts.speed ? { speed: Number(opts.speed) } : {}),
      ...(rows ? { rows } : {}),
      ...(opts.paused ? { startPaused: true } : {}),
    })),
  };
}

function parseRows(value: string): { first: number; count?: number } {
  const m = /^(\d+)(?::(\d+))?$/.exec(value);
  if (!m) throw new Error(`--rows ${value}: expected FIRST or FIRST:COUNT`);
  return { first: Number(m[1]), ...(m[2] ? { count: Number(m[2]) } : {}) };
}

new Command('scc-plc-sim')
  .description('Modbus TCP PLC simulator replaying recorded machine data (AI4I 2020, steel plant metering)')
  .requiredOption('-c, --config <file>', 'simulator configuration (YAML)')
  .option('--host <host>', 'listen address (overrides the file)')
  .option('--port <port>', 'listen port (overrides the file)')
  .option('--speed <factor>', 'replay speed for every machine: plant seconds per wall second (1 = real time)')
  .option('--rows <first[:count]>', 'rows to replay for every machine (1-based data rows)')
  .option('--paused', 'start with every machine paused at its first row')
  .option('--stats-file <file>', 'write the replay counts here (JSON) every second and at exit')
  .option('--log-level <level>', 'log level', 'info')
  .action(async (opts: Options) => {
    const config = override(loadSimulatorConfig(opts.config), opts);
    const logger = newLogger({ level: opts.logLevel }).child({ component: 'simulator' });
    const simulator = new PlcSimulator({ config, logger });
    await simulator.start();
    logger.info({ host: config.host, port: config.port, units: config.machines.map((m) => m.unitId) }, 'listening');
    const writeStats = (): void => {
      if (!config.statsFile) return;
      mkdirSync(dirname(config.statsFile), { recursive: true });
      writeFileSync(config.statsFile, `${JSON.stringify(simulator.stats(), null, 2)}\n`);
    };
    const timer = setInterval(writeStats, 1000);
    const stop = (): void => {
      clearInterval(timer);
      writeStats();
      logger.info({ stats: simulator.stats() }, 'stopping');
      simulator.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  })
  .parseAsync()
  .catch((err: unknown) => {
    process.stderr.write(`${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
