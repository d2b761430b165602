import { CommanderError } from 'commander';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { databasePath } from './agent';
import { DeviceRecorder } from './aggregation/device-recorder';
import { parseDrainMs, parseTime } from './cli-args';
import { newCliProgram } from './cli-program';
import { loadAgentConfig } from './config/load-config';
import { openAgentDatabase } from './storage/agent-database';
import { SampleStore } from './storage/sample-store';

const T0 = Date.UTC(2024, 0, 1);

/** Folders made by {@link setup}, removed after each test. */
const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A config file with identity files (dummies) and a database holding 25 s of samples of press-1. */
function setup(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scc-agent-cli-'));
  made.push(dir);
  mkdirSync(join(dir, 'id'));
  for (const f of ['ca.crt', 'cert.pem', 'key.pem']) writeFileSync(join(dir, 'id', f), 'x');
  const file = join(dir, 'agent.yaml');
  writeFileSync(
    file,
    stringify({
      enterpriseId: 'factory-01',
      period: { seconds: 10 },
      fabric: {
        peerEndpoint: '127.0.0.1:1',
        tlsCaCert: 'id/ca.crt',
        mspId: 'FactoryOrgMSP',
        certificate: 'id/cert.pem',
        privateKey: 'id/key.pem',
      },
      devices: [
        {
          id: 'press-1',
          connection: { type: 'tcp', host: '127.0.0.1', port: 1 },
          unitId: 1,
          registers: [{ name: 'running', table: 'holding', address: 0, type: 'uint16', role: 'runState' }],
        },
      ],
    }),
  );
  const config = loadAgentConfig(file);
  const db = openAgentDatabase(databasePath(config));
  const recorder = new DeviceRecorder({
    enterpriseId: 'factory-01',
    device: config.devices[0]!,
    periodSeconds: 10,
    store: new SampleStore(db),
  });
  for (let s = 0; s <= 25; s += 5) recorder.record({ deviceId: 'press-1', t: T0 + s * 1000, words: { running: [1] } });
  db.close();
  return file;
}

/** Runs the CLI; resolves with what it wrote and how it ended (exit code 0, or the error's). */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const program = newCliProgram({ out: (t) => (out += t), err: (t) => (err += t) }, (p) => p.exitOverride());
  try {
    await program.parseAsync(args, { from: 'user' });
    return { code: 0, out, err };
  } catch (e) {
    if (e instanceof CommanderError) return { code: e.exitCode, out, err };
    return { code: 1, out, err: err + (e as Error).message };
  }
}

describe('parseTime', () => {
  it('reads ISO-8601 dates and times with a zone', () => {
    expect(parseTime('2024-01-01')).toBe(T0);
    expect(parseTime('2024-01-01T00:00:10Z')).toBe(T0 + 10_000);
    expect(parseTime('2024-01-01T08:00:00.5+08:00')).toBe(T0 + 500);
    expect(parseTime('2024-02-29T00:00Z')).toBe(Date.UTC(2024, 1, 29));
  });

  it.each([
    ['2026-02-30T00:00:00Z', '2026-02-30 is not a date: February 2026 has 28 days'],
    ['2023-02-29', '2023-02-29 is not a date: February 2023 has 28 days'],
    ['2024-13-01', 'month 13 does not exist'],
    ['2024-01-01T24:00:00Z', '24:00:00 is not a time of day'],
    ['2024-01-01T00:00:00+25:00', '+25:00 is not a UTC offset'],
    ['2024-01-01T00:00:00', 'not an ISO-8601 date or time'],
    ['yesterday', 'not an ISO-8601 date or time'],
  ])('refuses %s', (value, message) => {
    expect(() => parseTime(value)).toThrow(message);
  });
});

describe('parseDrainMs', () => {
  it('takes whole milliseconds from 0 to an hour', () => {
    expect(parseDrainMs('0')).toBe(0);
    expect(parseDrainMs('5000')).toBe(5000);
    for (const bad of ['abc', '-5', '1.5', '', '1e3', '3600001']) {
      expect(() => parseDrainMs(bad)).toThrow('must be whole milliseconds from 0 to 3600000');
    }
  });
});

describe('scc-agent', () => {
  it.each(['abc', '-5'])('refuses start --drain-ms %s, naming the option', async (value) => {
    const file = setup();
    const { code, err } = await cli('start', '-c', file, '--drain-ms', value);
    expect(code).toBe(1);
    expect(err).toContain(`option '--drain-ms <ms>' argument '${value}' is invalid`);
  });

  it('prints the samples of a stored period', async () => {
    const file = setup();
    const { code, out } = await cli(
      'samples',
      '-c',
      file,
      '--device',
      'press-1',
      '--period-start',
      '2024-01-01T00:00:10Z',
    );
    expect(code).toBe(0);
    expect(out.split('\n')).toHaveLength(3);
  });

  it('refuses samples for a date that does not exist, a device it does not know, and a period it does not have', async () => {
    const file = setup();
    const bad = await cli('samples', '-c', file, '--device', 'press-1', '--period-start', '2026-02-30T00:00:00Z');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(
      "option '--period-start <time>' argument '2026-02-30T00:00:00Z' is invalid. 2026-02-30 is not a date: February 2026 has 28 days",
    );
    const nope = await cli('samples', '-c', file, '--device', 'nope', '--period-start', '2024-01-01T00:00:10Z');
    expect(nope).toMatchObject({ code: 1, out: '' });
    expect(nope.err).toBe(`--device: no device 'nope' in ${file} or in its database (devices: press-1)`);
    const none = await cli('samples', '-c', file, '--device', 'press-1', '--period-start', '2024-01-01T00:00:05Z');
    expect(none.code).toBe(1);
    expect(none.err).toBe(
      "--period-start: device 'press-1' has no period starting 2024-01-01T00:00:05.000Z (periods start at multiples of 10 s, or where a shutdown closed one)",
    );
  });

  it('refuses verify with --from after --to, with a bad time, or with an unknown device', async () => {
    const file = setup();
    const reversed = await cli(
      'verify',
      '-c',
      file,
      '--device',
      'press-1',
      '--from',
      '2024-02-01',
      '--to',
      '2024-01-01',
    );
    expect(reversed).toMatchObject({ code: 1, out: '' });
    expect(reversed.err).toBe('--from 2024-02-01T00:00:00.000Z is not before --to 2024-01-01T00:00:00.000Z');
    const bad = await cli('verify', '-c', file, '--device', 'press-1', '--to', '2024-01-32');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("option '--to <time>' argument '2024-01-32' is invalid");
    const both = await cli(
      'verify',
      '-c',
      file,
      '--device',
      'press-1',
      '--period-start',
      '2024-01-01',
      '--from',
      '2024-01-01',
    );
    expect(both.code).toBe(1);
    expect(both.err).toContain("option '--period-start <time>' cannot be used with option '--from <time>'");
    const nope = await cli('verify', '-c', file, '--device', 'nope');
    expect(nope.err).toBe(`--device: no device 'nope' in ${file} or in its database (devices: press-1)`);
  });

  it('refuses prune-samples with a time that does not exist', async () => {
    const file = setup();
    const { code, err } = await cli('prune-samples', '-c', file, '--before', '2024-04-31');
    expect(code).toBe(1);
    expect(err).toContain('2024-04-31 is not a date: April 2024 has 30 days');
  });
});
