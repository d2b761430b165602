import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import pino from 'pino';
import YAML from 'yaml';
import { loadConfig } from './config/load-config';
import { start, type RunningApi } from './main';

/** A port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}

describe('start', () => {
  let dir: string;
  let api: RunningApi | undefined;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-api-main-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=test',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const config = {
      server: { port: 0, shutdownTimeoutMs: 2000 },
      log: { level: 'silent' },
      fabric: {
        peerEndpoint: `127.0.0.1:${await closedPort()}`,
        tlsCaCert: 'cert.pem',
        timeouts: { evaluateMs: 3000, endorseMs: 3000, submitMs: 3000, commitStatusMs: 3000 },
        retryAfterSeconds: 9,
      },
      identities: { user: { mspId: 'BankOrgMSP', certPath: 'cert.pem', keyPath: 'key.pem' } },
      apiKeys: [
        {
          name: 'desk',
          sha256: 'ecf9c3bbffc5a223b8d4cb00a7ad0855cfccc4e68e976a31aa21fd188243a2de',
          identity: 'user',
          enterpriseId: 'first-bank',
        },
      ],
    };
    fs.writeFileSync(path.join(dir, 'api.yaml'), YAML.stringify(config));
    api = await start(loadConfig(path.join(dir, 'api.yaml'), {}), pino({ level: 'silent' }));
  });

  afterAll(async () => {
    await api?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('listens on the configured host and reports an unreachable peer on /health', async () => {
    expect(api?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${api?.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', ledger: 'down' });
  });

  it('answers 503 with Retry-After when the peer cannot be reached', async () => {
    const res = await fetch(`${api?.url}/api/v1/enterprises/first-bank`, {
      headers: { Authorization: 'Bearer dev-bank-key' },
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('9');
    const body = (await res.json()) as { error: { code: string; details: { stage: string; transaction: string } } };
    expect(body.error.code).toBe('LEDGER_UNAVAILABLE');
    expect(body.error.details).toMatchObject({ stage: 'evaluate', transaction: 'registry:GetEnterprise' });
  });

  it.each([
    ['conflicting lengths', 'Content-Length: 2\r\nContent-Length: 3\r\n', 400, 'INVALID_ARGUMENT'],
    ['a length and chunks', 'Content-Length: 5\r\nTransfer-Encoding: chunked\r\n', 400, 'INVALID_ARGUMENT'],
    ['headers over the limit', `X-Big: ${'a'.repeat(20_000)}\r\n`, 431, 'HEADERS_TOO_LARGE'],
  ])('answers a request Node refuses (%s) with the JSON error shape', async (_name, headers, status, code) => {
    const { port } = new URL(api?.url ?? '');
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(`POST /api/v1/contracts HTTP/1.1\r\nHost: x\r\n${headers}\r\n{}`);
      });
      let text = '';
      socket.on('data', (d: Buffer) => (text += d.toString()));
      socket.on('close', () => {
        resolve(text);
      });
      socket.on('error', reject);
    });
    expect(answer.split('\r\n')[0]).toBe(`HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? ''}`);
    expect(answer).toMatch(/content-type: application\/json/i);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { error: { code: string } };
    expect(body.error.code).toBe(code);
  });

  it('stops listening on close', async () => {
    const url = api?.url ?? '';
    await api?.close();
    api = undefined;
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});
