import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { connect, loadNetwork, parseResult, userIdentity, type Connection } from '../support/fabric';
import { repoRoot } from '../support/network';

// A second, three-orderer network on its own ports and state folder, beside the
// one the other integration tests use.

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

/** A base port whose whole layout (see network/README.md) is free. */
async function freeLayout(): Promise<Record<string, string>> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 400) * 100;
    const layout = {
      SCC_ORDERER_PORT: base,
      SCC_ORDERER_ADMIN_PORT: base + 3,
      SCC_FACTORY_PEER_PORT: base + 11,
      SCC_CORE_PEER_PORT: base + 21,
      SCC_BANK_PEER_PORT: base + 31,
      SCC_PEER_OPS_PORT: base + 41,
      SCC_ORDERER_OPS_PORT: base + 51,
      SCC_CHAINCODE_PORT: base + 61,
    };
    const ports = [
      ...[0, 100, 200].flatMap((d) => [layout.SCC_ORDERER_PORT + d, layout.SCC_ORDERER_ADMIN_PORT + d]),
      ...[0, 1, 2].map((d) => layout.SCC_ORDERER_OPS_PORT + d),
      ...[layout.SCC_FACTORY_PEER_PORT, layout.SCC_CORE_PEER_PORT, layout.SCC_BANK_PEER_PORT].flatMap((p) => [
        p,
        p + 1,
      ]),
      ...[0, 1, 2].map((d) => layout.SCC_PEER_OPS_PORT + d),
      layout.SCC_CHAINCODE_PORT,
    ];
    const free = await Promise.all(ports.map(portFree));
    if (free.every(Boolean)) {
      return Object.fromEntries(Object.entries(layout).map(([k, v]) => [k, String(v)]));
    }
  }
  throw new Error('no free port layout found');
}

describe('a three-orderer Raft network', () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scc-raft-'));
  let env: Record<string, string> = {};
  let connection: Connection | undefined;

  const script = (...args: string[]): void => {
    const r = spawnSync(path.join(repoRoot, 'test-network.sh'), args, {
      env: { ...process.env, ...env, SCC_NETWORK_DIR: stateDir },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new Error(`./test-network.sh ${args.join(' ')} exited with ${String(r.status)}`);
  };

  const stopOrderer = (i: number): void => {
    const pid = Number(fs.readFileSync(path.join(stateDir, 'pids', `orderer${i}.pid`), 'utf8'));
    process.kill(pid, 'SIGKILL');
  };

  const commit = async (): Promise<boolean> => {
    const { contract } = connection!;
    const submitted = await contract.submitAsync('system:PingWrite');
    return (await submitted.getStatus()).successful;
  };

  beforeAll(async () => {
    env = await freeLayout();
    script('up', '--orderers', '3');
    script('deploy');
    const info = loadNetwork(stateDir);
    connection = connect('factory', userIdentity('factory', 'User1', info), info);
  });

  afterAll(() => {
    connection?.close();
    script('clean');
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it('writes the three orderers into the channel and commits', async () => {
    expect(loadNetwork(stateDir).orderers.map((o) => o.name)).toEqual(['orderer0', 'orderer1', 'orderer2']);
    expect(await commit()).toBe(true);
  });

  it('keeps committing with one orderer stopped, stops without a quorum, and recovers on up', async () => {
    stopOrderer(0);
    expect(await commit()).toBe(true);

    stopOrderer(1);
    const withoutQuorum = async (): Promise<string> => {
      const transaction = await connection!.contract.newProposal('system:PingWrite').endorse();
      const submitted = await transaction.submit({ deadline: Date.now() + 15_000 });
      const status = await submitted.getStatus({ deadline: Date.now() + 15_000 });
      return status.successful ? 'committed' : 'invalid';
    };
    await expect(withoutQuorum()).rejects.toThrow();

    script('up'); // restarts the stopped orderers from their ledgers
    let committed = false;
    for (let attempt = 0; attempt < 30 && !committed; attempt++) {
      committed = await commit().catch(() => false);
      if (!committed) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(committed).toBe(true);
    const result = parseResult<{ mspId: string }>(await connection!.contract.evaluateTransaction('system:Ping'));
    expect(result.mspId).toBe('FactoryOrgMSP');
  });
});
