import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { loadNetwork } from '../../../test/support/network';

jest.setTimeout(60_000);

const clientDir = path.join(__dirname, '..', '..');
const mainJs = path.join(clientDir, 'dist', 'main.js');

describe('the scc-api command', () => {
  it('starts from a config file, serves, and stops cleanly on SIGTERM', async () => {
    expect(fs.existsSync(mainJs)).toBe(true); // built by `npm run build`
    const child = spawn(process.execPath, [mainJs, '--config', path.join(clientDir, 'config', 'bank.sample.yaml')], {
      // The sample names the default peer port; follow the network actually running.
      env: {
        ...process.env,
        SCC_API_PORT: '0',
        SCC_API_LOG_LEVEL: 'info',
        SCC_API_PEER_ENDPOINT: loadNetwork().orgs.bank.peerEndpoint,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const logs: { msg?: string; port?: number }[] = [];
    const lines = readline.createInterface({ input: child.stdout });
    const listening = new Promise<number>((resolve, reject) => {
      lines.on('line', (line) => {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        logs.push(entry);
        if (entry.msg === 'sme-credit-chain API listening' && entry.port !== undefined) resolve(entry.port);
      });
      child.once('exit', (code) => {
        reject(new Error(`exited with ${String(code)} before listening`));
      });
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const port = await listening;
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(await health.json()).toEqual({ status: 'ok', ledger: 'up' });
      const me = await fetch(`http://127.0.0.1:${port}/api/v1/me`, {
        headers: { Authorization: 'Bearer dev-bank-key' },
      });
      expect(me.status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      // Never leave the API running when an expectation fails.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    expect(logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'sme-credit-chain API stopped']));
    const request = logs.find((l) => l.msg === 'request completed') as
      { req?: { id?: string; headers?: Json } } | undefined;
    expect(request?.req?.id).toEqual(expect.any(String));
    expect(JSON.stringify(logs)).not.toContain('dev-bank-key');
  });

  it('refuses an invalid configuration with exit code 2, naming the field', async () => {
    const bad = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scc-api-cli-')), 'bad.yaml');
    fs.writeFileSync(bad, 'fabric: { peerEndpoint: nowhere }\nidentities: {}\napiKeys: []\n');
    try {
      const child = spawn(process.execPath, [mainJs, '--config', bad], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(2);
      expect(stderr).toContain('fabric.peerEndpoint: must be host:port');
      expect(stderr).toContain('apiKeys: must hold at least one API key');
    } finally {
      fs.rmSync(path.dirname(bad), { recursive: true, force: true });
    }
  });
});

type Json = Record<string, unknown>;
