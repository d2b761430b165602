import { join } from 'node:path';
import { loadAgentConfig } from '../config/load-config';
import { loadSimulatorConfig } from './simulator-config';

const configDir = join(__dirname, '..', '..', 'config');

describe('the committed sample configurations', () => {
  const agent = loadAgentConfig(join(configDir, 'agent.yaml'), { checkFiles: false });
  const simulator = loadSimulatorConfig(join(configDir, 'simulator.yaml'));

  it('are valid', () => {
    expect(agent.devices.map((d) => d.id)).toEqual(['mill-1', 'mill-2', 'steel-meter']);
    expect(simulator.machines.map((m) => m.unitId)).toEqual([1, 2, 3]);
  });

  it('agree on the register map: the agent reads each value where the simulator writes it', () => {
    for (const device of agent.devices) {
      const machine = simulator.machines.find((m) => m.unitId === device.unitId);
      expect(machine).toBeDefined();
      expect(device.connection).toMatchObject({ type: 'tcp', host: simulator.host, port: simulator.port });
      for (const r of device.registers) {
        const written = machine!.registers.find((w) => w.table === r.table && w.address === r.address);
        expect({ device: device.id, name: r.name, written: written !== undefined }).toEqual({
          device: device.id,
          name: r.name,
          written: true,
        });
        expect([written!.type, written!.byteOrder, written!.wordOrder, written!.scale]).toEqual([
          r.type,
          r.byteOrder,
          r.wordOrder,
          r.scale,
        ]);
      }
    }
  });

  it('give the counting roles to the counting signals', () => {
    const roles: Record<string, string> = {
      goodCount: 'goodParts',
      rejectCount: 'rejectedParts',
      faultCount: 'failures',
      energy: 'energyWh',
      runState: 'runState',
      faultCode: 'faultCode',
      clock: 'clock',
    };
    for (const device of agent.devices) {
      const machine = simulator.machines.find((m) => m.unitId === device.unitId)!;
      for (const r of device.registers.filter((x) => x.role !== 'measurement')) {
        const written = machine.registers.find((w) => w.table === r.table && w.address === r.address);
        expect(`${device.id}.${r.name} ${written?.signal ?? '-'}`).toBe(
          `${device.id}.${r.name} ${roles[r.role] ?? '?'}`,
        );
      }
    }
  });
});
