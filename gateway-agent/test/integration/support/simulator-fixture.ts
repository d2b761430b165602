import { join } from 'node:path';
import { loadSimulatorConfig, MachineConfig, SimulatorConfig } from '../../../src/simulator/simulator-config';

/** The committed sample simulator file: its register maps are the ones tests replay through. */
export const sampleSimulatorFile = join(__dirname, '..', '..', '..', 'config', 'simulator.yaml');

/** A machine of the sample file by unit id, with overrides. */
export function sampleMachine(unitId: number, overrides: Partial<MachineConfig> = {}): MachineConfig {
  const machine = loadSimulatorConfig(sampleSimulatorFile).machines.find((m) => m.unitId === unitId);
  if (!machine) throw new Error(`the sample simulator has no unit ${unitId}`);
  return { ...machine, ...overrides };
}

/** A simulator configuration on a given port with the given machines. */
export function simulatorConfig(port: number, machines: MachineConfig[]): SimulatorConfig {
  return { host: '127.0.0.1', port, machines };
}
