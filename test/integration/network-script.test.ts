import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../support/network';

interface Run {
  status: number | null;
  stderr: string;
}

function script(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(path.join(repoRoot, 'test-network.sh'), args, {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: r.status, stderr: r.stderr };
}

function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.includes('error:'));
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  return port;
}

async function portFree(port: number): Promise<boolean> {
  const server = net.createServer();
  return new Promise((resolve) => {
    server.once('error', () => {
      resolve(false);
    });
    server.listen(port, '127.0.0.1', () => {
      server.close(() => {
        resolve(true);
      });
    });
  });
}

/** A port layout of its own (57xxx, 59xxx), away from the shared network's. */
const layout = {
  SCC_ORDERER_PORT: '57250',
  SCC_ORDERER_ADMIN_PORT: '57253',
  SCC_FACTORY_PEER_PORT: '57255',
  SCC_CORE_PEER_PORT: '57257',
  SCC_BANK_PEER_PORT: '57259',
  SCC_CHAINCODE_PORT: '57262',
  SCC_ORDERER_OPS_PORT: '59340',
  SCC_PEER_OPS_PORT: '59344',
} as const;

describe('test-network.sh refuses bad input with a one-line error', () => {
  let scratch: string;

  beforeEach(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-net-'));
  });

  afterEach(() => {
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('names an unknown sub-command', () => {
    const r = script(['frobnicate']);
    expect(r.status).not.toBe(0);
    expect(errorLines(r.stderr)).toEqual([expect.stringContaining("unknown command 'frobnicate'")]);
  });

  it('refuses deploy when the network is not running', () => {
    const r = script(['deploy'], { SCC_NETWORK_DIR: path.join(scratch, 'state') });
    expect(r.status).not.toBe(0);
    expect(errorLines(r.stderr)).toEqual([expect.stringContaining('the network is not running')]);
  });

  it('refuses an orderer count it does not support', () => {
    const r = script(['up', '--orderers', '2'], { SCC_NETWORK_DIR: path.join(scratch, 'state') });
    expect(r.status).not.toBe(0);
    expect(errorLines(r.stderr)).toEqual([expect.stringContaining('--orderers takes 1 or 3')]);
  });

  it('names a port that is already taken and starts nothing', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    const state = path.join(scratch, 'state');
    try {
      const r = script(['up'], {
        SCC_NETWORK_DIR: state,
        SCC_ORDERER_PORT: String(await freePort()),
        SCC_ORDERER_ADMIN_PORT: String(await freePort()),
        SCC_ORDERER_OPS_PORT: String(await freePort()),
        SCC_FACTORY_PEER_PORT: String(taken),
        SCC_CORE_PEER_PORT: String(await freePort()),
        SCC_BANK_PEER_PORT: String(await freePort()),
        SCC_PEER_OPS_PORT: String(await freePort()),
      });
      expect(r.status).not.toBe(0);
      expect(errorLines(r.stderr)).toEqual([expect.stringContaining(`port ${taken} on 127.0.0.1 is already taken`)]);
      const pids = path.join(state, 'pids');
      expect(fs.existsSync(pids) ? fs.readdirSync(pids) : []).toEqual([]);
    } finally {
      await new Promise<void>((resolve) =>
        blocker.close(() => {
          resolve();
        }),
      );
    }
  });

  it.each([['abc'], ['99999'], ['57050x'], ['-1']])(
    'refuses the port setting %s before it starts anything',
    (value) => {
      const state = path.join(scratch, 'state');
      const r = script(['up'], { SCC_NETWORK_DIR: state, SCC_BANK_PEER_PORT: value });
      expect(r.status).not.toBe(0);
      expect(errorLines(r.stderr)).toEqual([
        expect.stringContaining(`SCC_BANK_PEER_PORT must be a port number from 1 to 65535, got '${value}'`),
      ]);
      expect(fs.existsSync(state)).toBe(false);
    },
  );

  it('refuses port settings that overlap and starts nothing', () => {
    const state = path.join(scratch, 'state');
    const r = script(['up'], { ...layout, SCC_NETWORK_DIR: state, SCC_BANK_PEER_PORT: layout.SCC_CORE_PEER_PORT });
    expect(r.status).not.toBe(0);
    expect(errorLines(r.stderr)).toEqual([
      expect.stringContaining(`port ${layout.SCC_CORE_PEER_PORT} is used twice by the network's layout`),
    ]);
    const pids = path.join(state, 'pids');
    expect(fs.existsSync(pids) ? fs.readdirSync(pids) : []).toEqual([]);
  });

  it.each([['up'], ['clean']])('%s never deletes a folder that is not network state', (command) => {
    const state = path.join(scratch, 'not-a-network');
    fs.mkdirSync(state);
    fs.writeFileSync(path.join(state, 'keep.txt'), 'somebody else’s file');
    const r = script([command], { ...layout, SCC_NETWORK_DIR: state });
    expect(r.status).not.toBe(0);
    expect(errorLines(r.stderr)).toEqual([expect.stringContaining(`${state} is not a network state folder`)]);
    expect(fs.readdirSync(state)).toEqual(['keep.txt']);
  });

  it('stops the processes it started when a later one fails to start', async () => {
    const state = path.join(scratch, 'state');
    const bankOpsPort = Number(layout.SCC_PEER_OPS_PORT) + 2;
    // Take the bank peer's operations port once the orderer runs, after up checked every port was free.
    const blocker = net.createServer();
    const child = spawn(path.join(repoRoot, 'test-network.sh'), ['up'], {
      env: { ...process.env, ...layout, SCC_NETWORK_DIR: state },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const orderer = path.join(state, 'pids', 'orderer0.pid');
    while (!fs.existsSync(orderer) && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    await new Promise<void>((resolve) => blocker.listen(bankOpsPort, '127.0.0.1', resolve));
    try {
      expect(await exited).not.toBe(0);
      expect(stderr).toContain('peer-bank exited during start-up');
      expect(stderr).toContain('stopping what this command started');
      const pids = path.join(state, 'pids');
      expect(fs.existsSync(pids) ? fs.readdirSync(pids) : []).toEqual([]);
      for (const port of [layout.SCC_ORDERER_PORT, layout.SCC_FACTORY_PEER_PORT, layout.SCC_CORE_PEER_PORT]) {
        expect(await portFree(Number(port))).toBe(true);
      }
    } finally {
      child.kill();
      await new Promise<void>((resolve) =>
        blocker.close(() => {
          resolve();
        }),
      );
      script(['down'], { ...layout, SCC_NETWORK_DIR: state });
    }
  });

  it('names the missing log of an unknown process', () => {
    const r = script(['logs', 'nosuch'], { SCC_NETWORK_DIR: path.join(scratch, 'state') });
    expect(r.status).not.toBe(0);
    expect(errorLines(r.stderr)).toEqual([expect.stringContaining("no log for 'nosuch'")]);
  });
});
