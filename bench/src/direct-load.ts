// Load from a second process straight through the Fabric Gateway: `connections` workers each
// evaluating the transaction again as soon as the last answer came (like autocannon's connections),
// for a warm-up and a measured window. Prints one JSON line with throughput and latency.
import { parseArgs } from 'node:util';
import * as fs from 'node:fs';
import { closedLoop } from './closed-loop';
import { connect, type IdentityFiles, type OrgName } from '../../test/support/fabric';

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
  const certPath = values.cert ?? '';
  const keyPath = values.key ?? '';
  const identity: IdentityFiles = {
    mspId: values.msp ?? '',
    certPath,
    keyPath,
    certPem: fs.readFileSync(certPath, 'utf8'),
    keyPem: fs.readFileSync(keyPath, 'utf8'),
  };
  const connection = connect((values.org ?? 'bank') as OrgName, identity);
  const name = values.transaction ?? '';
  const args = JSON.parse(values.args ?? '[]') as string[];
  const result = await closedLoop({
    concurrency: Number(values.connections),
    warmupMs: Number(values.warmup) * 1000,
    durationMs: Number(values.duration) * 1000,
    op: async () => {
      await connection.contract.evaluateTransaction(name, ...args);
      return { ok: true, units: 1 };
    },
  });
  connection.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
