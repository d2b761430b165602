// Load from a second process straight through the Fabric Gateway: `connections` workers each
// evaluating the transaction again as soon as the last answer came (like autocannon's connections),
// for a warm-up and a measured window. Prints one JSON line with throughput and latency.
// It connects and signs as the REST API does (same Gateway options, same signer), so that the
// comparison measures what the API adds.
import { connect } from '@hyperledger/fabric-gateway';
import { newIdentitySigning } from '@sme-credit-chain/client';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { closedLoop } from './closed-loop';
import { loadNetwork, newGrpcClient, type OrgName } from '../../test/support/fabric';

const { values } = parseArgs({
  options: {
    org: { type: 'string' },
    msp: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    transaction: { type: 'string' },
    args: { type: 'string' },
    connections: { type: 'string' },
    warmup: { type: 'string', default: '3' },
    duration: { type: 'string' },
  },
});

async function main(): Promise<void> {
  const net = loadNetwork();
  const client = newGrpcClient((values.org ?? 'bank') as OrgName, net);
  const gateway = connect({
    client,
    identity: { mspId: values.msp ?? '', credentials: fs.readFileSync(values.cert ?? '') },
    ...newIdentitySigning(crypto.createPrivateKey(fs.readFileSync(values.key ?? ''))),
    evaluateOptions: () => ({ deadline: Date.now() + 30_000 }),
  });
  const contract = gateway.getNetwork(net.channel).getContract(net.chaincode);
  const name = values.transaction ?? '';
  const args = JSON.parse(values.args ?? '[]') as string[];
  const result = await closedLoop({
    concurrency: Number(values.connections),
    warmupMs: Number(values.warmup) * 1000,
    durationMs: Number(values.duration) * 1000,
    op: async () => {
      await contract.evaluate(name, { arguments: args });
      return { ok: true, units: 1 };
    },
  });
  gateway.close();
  client.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
