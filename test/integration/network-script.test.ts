import { spawnSync } from 'node:child_process';
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

  it('names the missing log of an unknown process', () => {
    const r = script(['logs', 'nosuch'], { SCC_NETWORK_DIR: path.join(scratch, 'state') });
    expect(r.status).not.toBe(0);
    expect(errorLines(r.stderr)).toEqual([expect.stringContaining("no log for 'nosuch'")]);
  });
});
