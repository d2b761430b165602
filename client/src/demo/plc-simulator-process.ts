#!/usr/bin/env node
import { loadSimulatorConfig, PlcSimulator, type MachineStats } from '@sme-credit-chain/gateway-agent';
import * as fs from 'node:fs';
import * as path from 'node:path';
import pino from 'pino';

/** Messages from the demo to this process. */
export type SimulatorCommand = Readonly<{ type: 'resume' }> | Readonly<{ type: 'stats' }>;

/** Messages from this process to the demo. */
export type SimulatorEvent =
  | Readonly<{ type: 'listening'; port: number; units: number[] }>
  | Readonly<{ type: 'finished'; unitId: number }>
  | Readonly<{ type: 'stats'; stats: MachineStats[] }>;

/**
 * The PLC simulator as a child process of the demo: the gateway agent package's `PlcSimulator` on
 * the demo's generated configuration, its machines held at their first row until the demo says
 * `resume` (once the agent is polling, so the agent sees every row from the first). It reports
 * finished machines and its own replay counts over IPC, and stops when the demo goes away.
 */
async function main(): Promise<void> {
  const file = process.argv[2];
  if (file === undefined) throw new Error('usage: plc-simulator-process <simulator.yaml>');
  const logger = pino({ base: { service: 'scc-plc-sim', pid: process.pid } }).child({ component: 'simulator' });
  const config = loadSimulatorConfig(file);
  const simulator = new PlcSimulator({ config, logger });
  const send = (event: SimulatorEvent): void => {
    if (process.connected) process.send?.(event);
  };
  const writeStats = (): void => {
    if (!config.statsFile) return;
    fs.mkdirSync(path.dirname(config.statsFile), { recursive: true });
    fs.writeFileSync(config.statsFile, `${JSON.stringify(simulator.stats(), null, 2)}\n`);
  };
  await simulator.start();
  const units = config.machines.map((m) => m.unitId);
  logger.info({ host: config.host, port: config.port, units }, 'listening');
  for (const unitId of units) {
    void simulator.finished(unitId).then(() => {
      writeStats();
      send({ type: 'finished', unitId });
    });
  }
  const timer = setInterval(writeStats, 1000);
  let stopping = false;
  const stop = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    writeStats();
    logger.info({ reason, stats: simulator.stats() }, 'stopping');
    simulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('message', (message: SimulatorCommand) => {
    if (message.type === 'resume') {
      for (const unitId of units) simulator.resume(unitId);
      logger.info({ units }, 'replay resumed');
    } else {
      send({ type: 'stats', stats: simulator.stats() });
    }
  });
  process.on('disconnect', () => {
    stop('the demo went away');
  });
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
  send({ type: 'listening', port: config.port, units });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
