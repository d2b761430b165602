import * as path from 'node:path';
import { repoRoot } from './network-session';

/** The AI4I 2020 replay file the simulated machines read. */
export const ai4iFile = path.join(repoRoot, 'data', 'ai4i2020', 'ai4i2020.csv');

/** Holding and input registers of a benchmark machine: ten values in two reads, as the simulator lays them out. */
export const simulatorRegisters = [
  { signal: 'clock', table: 'holding', address: 0, type: 'uint32', byteOrder: 'big', wordOrder: 'big' },
  { signal: 'runState', table: 'holding', address: 2, type: 'uint16' },
  { signal: 'faultCode', table: 'holding', address: 3, type: 'uint16' },
  { signal: 'goodParts', table: 'holding', address: 4, type: 'uint32', byteOrder: 'big', wordOrder: 'big' },
  { signal: 'rejectedParts', table: 'holding', address: 6, type: 'uint32', byteOrder: 'big', wordOrder: 'big' },
  { signal: 'failures', table: 'holding', address: 8, type: 'uint32', byteOrder: 'big', wordOrder: 'big' },
  { signal: 'airTemperatureK', table: 'input', address: 0, type: 'float32', byteOrder: 'big', wordOrder: 'big' },
  { signal: 'processTemperatureK', table: 'input', address: 2, type: 'float32', byteOrder: 'big', wordOrder: 'big' },
  { signal: 'rotationalSpeedRpm', table: 'input', address: 4, type: 'uint16' },
  { signal: 'torqueNm', table: 'input', address: 5, type: 'int16', scale: 0.1 },
] as const;

/** The same ten values as the agent reads them, with their roles. */
export const agentRegisters = [
  { name: 'clock', table: 'holding', address: 0, type: 'uint32', byteOrder: 'big', wordOrder: 'big' },
  { name: 'running', table: 'holding', address: 2, type: 'uint16', role: 'runState' },
  { name: 'fault', table: 'holding', address: 3, type: 'uint16', role: 'faultCode' },
  {
    name: 'good_parts',
    table: 'holding',
    address: 4,
    type: 'uint32',
    byteOrder: 'big',
    wordOrder: 'big',
    role: 'goodCount',
  },
  {
    name: 'rejected_parts',
    table: 'holding',
    address: 6,
    type: 'uint32',
    byteOrder: 'big',
    wordOrder: 'big',
    role: 'rejectCount',
  },
  {
    name: 'failures',
    table: 'holding',
    address: 8,
    type: 'uint32',
    byteOrder: 'big',
    wordOrder: 'big',
    role: 'faultCount',
  },
  { name: 'air_temperature', table: 'input', address: 0, type: 'float32', byteOrder: 'big', wordOrder: 'big' },
  { name: 'process_temperature', table: 'input', address: 2, type: 'float32', byteOrder: 'big', wordOrder: 'big' },
  { name: 'spindle_rpm', table: 'input', address: 4, type: 'uint16' },
  { name: 'torque', table: 'input', address: 5, type: 'int16', scale: 0.1 },
] as const;

/** Where device `i` (0-based) is served: `perPort` units (1..perPort) behind each TCP port from `basePort`. */
export function deviceEndpoint(i: number, basePort: number, perPort: number): { port: number; unitId: number } {
  return { port: basePort + Math.floor(i / perPort), unitId: (i % perPort) + 1 };
}
