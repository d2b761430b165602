import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ConfigError } from './config-error';
import { loadAgentConfig } from './load-config';

function validConfig(): Record<string, unknown> {
  return {
    enterpriseId: 'factory-01',
    period: { seconds: 900 },
    fabric: {
      peerEndpoint: '127.0.0.1:7051',
      peerHostAlias: 'peer0.factory.scc.example',
      tlsCaCert: 'tls/ca.crt',
      mspId: 'FactoryOrgMSP',
      certificate: 'id/cert.pem',
      privateKey: 'id/keystore',
    },
    devices: [
      {
        id: 'press-1',
        connection: { type: 'tcp', host: '127.0.0.1', port: 5020 },
        unitId: 1,
        registers: [
          {
            name: 'good',
            table: 'holding',
            address: 0,
            type: 'uint32',
            byteOrder: 'big',
            wordOrder: 'big',
            role: 'goodCount',
          },
          { name: 'running', table: 'coil', address: 0, type: 'bool', role: 'runState' },
        ],
      },
      {
        id: 'press-2',
        connection: { type: 'tcp', host: '127.0.0.1', port: 5021 },
        unitId: 1,
        registers: [{ name: 'running', table: 'holding', address: 10, type: 'uint16', role: 'runState' }],
      },
    ],
  };
}

/** Folders made by {@link setup}, removed after each test. */
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'agent-config-'));
  made.push(dir);
  mkdirSync(join(dir, 'tls'));
  mkdirSync(join(dir, 'id', 'keystore'), { recursive: true });
  writeFileSync(join(dir, 'tls', 'ca.crt'), 'ca');
  writeFileSync(join(dir, 'id', 'cert.pem'), 'cert');
  writeFileSync(join(dir, 'id', 'keystore', 'abc_sk'), 'key');
  const file = join(dir, 'agent.yaml');
  writeFileSync(file, typeof config === 'string' ? config : stringify(config));
  return file;
}

function problemsOf(config: unknown): { file: string; problems: readonly string[] } {
  const file = setup(config);
  try {
    loadAgentConfig(file);
  } catch (err) {
    if (err instanceof ConfigError) return { file, problems: err.problems };
    throw err;
  }
  throw new Error('configuration was accepted');
}

function devices(config: Record<string, unknown>): Record<string, unknown>[] {
  return config.devices as Record<string, unknown>[];
}

function registers(device: Record<string, unknown> | undefined): Record<string, unknown>[] {
  return device!.registers as Record<string, unknown>[];
}

describe('loadAgentConfig', () => {
  it('accepts a valid file, fills documented defaults and resolves paths against the file', () => {
    const file = setup(validConfig());
    const config = loadAgentConfig(file);
    const dir = join(file, '..');
    expect(config.stateDir).toBe(join(dir, 'state'));
    expect(config.fabric.privateKey).toBe(join(dir, 'id', 'keystore', 'abc_sk'));
    expect(config.fabric.channel).toBe('scf');
    expect(config.http).toEqual({ host: '127.0.0.1', port: 9464 });
    const device = config.devices[0]!;
    expect(device.pollIntervalMs).toBe(1000);
    expect(device.timeSource).toBe('agent');
    expect(device.registers[0]).toMatchObject({ scale: 1, offset: 0, role: 'goodCount' });
    expect(device.registers[1]).toMatchObject({ role: 'runState', table: 'coil' });
    expect(device.registers[1]?.byteOrder).toBeUndefined();
  });

  it('names the file, the device, the register and the field when a word order is missing', () => {
    const config = validConfig();
    delete registers(devices(config)[0])[0]!.wordOrder;
    const { file, problems } = problemsOf(config);
    expect(problems).toEqual([
      "device 'press-1' (devices[0]) › register 'good' (registers[0]) › wordOrder: required for uint32 (a multi-register type): big or little",
    ]);
    expect(() => loadAgentConfig(file)).toThrow(`${file}: invalid configuration`);
  });

  it('requires the byte order of multi-register types too', () => {
    const config = validConfig();
    const reg = registers(devices(config)[0])[0]!;
    delete reg.byteOrder;
    reg.type = 'float64';
    reg.role = 'energy';
    expect(problemsOf(config).problems).toEqual([
      "device 'press-1' (devices[0]) › register 'good' (registers[0]) › byteOrder: required for float64 (a multi-register type): big or little",
    ]);
  });

  it('names the device of a bad enum value', () => {
    const config = validConfig();
    registers(devices(config)[1])[0]!.table = 'holdings';
    const [problem] = problemsOf(config).problems;
    expect(problem).toMatch(/^device 'press-2' \(devices\[1\]\) › register 'running' \(registers\[0\]\) › table: /);
    expect(problem).toContain('holding');
  });

  it('refuses unknown fields instead of ignoring a typo', () => {
    const config = validConfig();
    devices(config)[0]!.pollIntervalMS = 500;
    expect(problemsOf(config).problems[0]).toMatch(/^device 'press-1' \(devices\[0\]\): .*pollIntervalMS/);
  });

  it('refuses bit tables with non-bool types, and counters with signed types or offsets', () => {
    const config = validConfig();
    const regs = registers(devices(config)[0]);
    regs[1]!.type = 'uint16';
    regs.push({ name: 'rejects', table: 'input', address: 4, type: 'int16', offset: 1, role: 'rejectCount' });
    expect(problemsOf(config).problems).toEqual([
      "device 'press-1' (devices[0]) › register 'running' (registers[1]) › type: a coil holds one bit: use bool",
      "device 'press-1' (devices[0]) › register 'rejects' (registers[2]) › type: a rejectCount counter must be uint16 or uint32",
      "device 'press-1' (devices[0]) › register 'rejects' (registers[2]) › offset: a rejectCount counter takes no offset",
    ]);
  });

  it('requires one run state, single roles once, and a clock and hold time with device time', () => {
    const config = validConfig();
    const device = devices(config)[1]!;
    device.registers = [
      { name: 'a', table: 'holding', address: 0, type: 'uint16', role: 'goodCount' },
      { name: 'b', table: 'holding', address: 1, type: 'uint16', role: 'goodCount' },
    ];
    device.timeSource = 'device';
    expect(problemsOf(config).problems).toEqual([
      "device 'press-2' (devices[1]) › registers: role goodCount is given to more than one register (a, b)",
      "device 'press-2' (devices[1]) › registers: one register must have role runState",
      "device 'press-2' (devices[1]) › timeSource: device time needs a register with role clock",
      "device 'press-2' (devices[1]) › holdSeconds: required with device time (how long one sample stands for, in device seconds)",
    ]);
  });

  it('refuses registers that overlap, naming both', () => {
    const config = validConfig();
    const regs = registers(devices(config)[0]);
    regs.push(
      { name: 'wide', table: 'holding', address: 4, type: 'uint32', byteOrder: 'big', wordOrder: 'big' },
      { name: 'narrow', table: 'holding', address: 5, type: 'uint16' },
      { name: 'torque', table: 'input', address: 0, type: 'float64', byteOrder: 'big', wordOrder: 'big' },
      { name: 'temp', table: 'input', address: 3, type: 'float32', byteOrder: 'big', wordOrder: 'big' },
      { name: 'lamp', table: 'coil', address: 0, type: 'bool' },
      { name: 'pressure', table: 'input', address: 4, type: 'int16' },
    );
    expect(problemsOf(config).problems).toEqual([
      "device 'press-1' (devices[0]) › register 'narrow' (registers[3]) › address: holding 5 overlaps register 'wide' at holding 4-5",
      "device 'press-1' (devices[0]) › register 'temp' (registers[5]) › address: input 3-4 overlaps register 'torque' at input 0-3",
      "device 'press-1' (devices[0]) › register 'lamp' (registers[6]) › address: coil 0 overlaps register 'running' at coil 0",
      "device 'press-1' (devices[0]) › register 'pressure' (registers[7]) › address: input 4 overlaps register 'temp' at input 3-4",
    ]);
  });

  it('lets bit fields share a register, each on its own bit', () => {
    const config = validConfig();
    const regs = registers(devices(config)[0]);
    regs.push(
      { name: 'door', table: 'holding', address: 14, type: 'bool', bit: 0 },
      { name: 'guard', table: 'holding', address: 14, type: 'bool', bit: 1 },
      { name: 'wide', table: 'holding', address: 2, type: 'uint32', byteOrder: 'big', wordOrder: 'big' },
    );
    expect(loadAgentConfig(setup(config)).devices[0]?.registers).toHaveLength(5);
    regs.push(
      { name: 'estop', table: 'holding', address: 14, type: 'bool', bit: 1 },
      { name: 'status', table: 'holding', address: 14, type: 'uint16' },
    );
    expect(problemsOf(config).problems).toEqual([
      "device 'press-1' (devices[0]) › register 'estop' (registers[5]) › address: holding 14 bit 1 overlaps register 'guard' at holding 14 bit 1",
      "device 'press-1' (devices[0]) › register 'status' (registers[6]) › address: holding 14 overlaps register 'door' at holding 14 bit 0",
    ]);
  });

  it('refuses duplicate device ids and two devices on one unit of one connection', () => {
    const config = validConfig();
    const second = devices(config)[1]!;
    second.id = 'press-1';
    second.connection = { type: 'tcp', host: '127.0.0.1', port: 5020 };
    expect(problemsOf(config).problems).toEqual([
      "device 'press-1' (devices[1]) › id: 'press-1' is used twice",
      "device 'press-1' (devices[1]) › unitId: unit 1 on tcp://127.0.0.1:5020 is already read as device 'press-1'",
    ]);
  });

  it('refuses different serial settings on one RTU bus', () => {
    const config = validConfig();
    const [first, second] = devices(config);
    first!.connection = { type: 'rtu', path: '/dev/ttyUSB0', baudRate: 19200, parity: 'even' };
    second!.connection = { type: 'rtu', path: '/dev/ttyUSB0', baudRate: 9600, parity: 'even' };
    second!.unitId = 2;
    expect(problemsOf(config).problems).toEqual([
      "device 'press-2' (devices[1]) › connection: serial settings differ from device 'press-1' on the same bus /dev/ttyUSB0",
    ]);
  });

  it('refuses a period that does not divide a day, and ids the ledger would refuse', () => {
    const config = validConfig();
    config.period = { seconds: 7 };
    config.enterpriseId = 'factory 01';
    expect(problemsOf(config).problems).toEqual([
      'enterpriseId: must be 1-64 characters of letters, digits, ".", "_" or "-"',
      'period › seconds: must divide a day (86400 s) so periods align to days',
    ]);
  });

  it('reports missing identity files by field', () => {
    const config = validConfig();
    (config.fabric as Record<string, unknown>).certificate = 'id/missing.pem';
    const { file, problems } = problemsOf(config);
    expect(problems).toEqual([`fabric › certificate: no such file ${join(file, '..', 'id', 'missing.pem')}`]);
  });

  it('reports YAML syntax errors with their line', () => {
    const { problems } = problemsOf('enterpriseId: x\ndevices: [\n');
    expect(problems[0]).toMatch(/^line \d+, column \d+: /);
  });

  it('reports a YAML alias bomb in the usual format, naming the file', () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f'].entries()) {
      const previous = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array.from({ length: 10 }, () => `*${previous}`).join(',')}]`);
    }
    const file = setup(levels.join('\n'));
    expect(() => loadAgentConfig(file)).toThrow(
      `${file}: invalid configuration\n  - cannot be read as YAML: Excessive alias count indicates a resource exhaustion attack`,
    );
  });

  it('reports a missing file', () => {
    expect(() => loadAgentConfig('/nonexistent/agent.yaml')).toThrow(
      /^\/nonexistent\/agent.yaml: invalid configuration\n {2}- cannot read the file/,
    );
  });
});
