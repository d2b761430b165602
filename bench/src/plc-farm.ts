// A farm of simulated PLCs for the agent benchmark: `perPort` machines behind each TCP port, each
// replaying AI4I 2020 rows in a loop through the benchmark register map. Run as its own process;
// prints "ready" when every port listens and stops on SIGTERM.
import { loadSimulatorConfig, PlcSimulator } from '@sme-credit-chain/gateway-agent';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ai4iFile, deviceEndpoint, simulatorRegisters } from './device-map';

const { values } = parseArgs({
  options: {
    devices: { type: 'string' },
    'base-port': { type: 'string' },
    'per-port': { type: 'string', default: '10' },
  },
});
const devices = Number(values.devices);
const basePort = Number(values['base-port']);
const perPort = Number(values['per-port']);

async function main(): Promise<void> {
  const simulators: PlcSimulator[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'scc-bench-plc-'));
  for (let first = 0; first < devices; first += perPort) {
    const machines = [];
    for (let i = first; i < Math.min(devices, first + perPort); i++) {
      const { unitId } = deviceEndpoint(i, basePort, perPort);
      machines.push({
        unitId,
        name: `machine-${i}`,
        dataset: 'ai4i2020',
        file: ai4iFile,
        rows: { first: 1 + ((i * 97) % 9000), count: 500 },
        speed: 1,
        cycleSeconds: 60,
        startTime: '2024-01-01T00:00:00Z',
        startPaused: false,
        loop: true,
        counterStart: 0,
        registers: simulatorRegisters,
      });
    }
    const port = deviceEndpoint(first, basePort, perPort).port;
    const file = join(dir, `plc-${port}.yaml`);
    writeFileSync(file, JSON.stringify({ host: '127.0.0.1', port, machines }));
    const sim = new PlcSimulator({ config: loadSimulatorConfig(file) });
    await sim.start();
    simulators.push(sim);
  }
  rmSync(dir, { recursive: true, force: true });
  process.stdout.write('ready\n');
  const stop = (): void => {
    Promise.all(simulators.map((s) => s.stop())).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
