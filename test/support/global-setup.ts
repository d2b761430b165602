import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, stateDir } from './network';

/** Marker left when the integration run started the network itself. */
export const startedMarker = path.join(stateDir, '.started-by-tests');

function script(...args: string[]): number {
  const r = spawnSync(path.join(repoRoot, 'test-network.sh'), args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return r.status ?? 1;
}

function scriptOrThrow(...args: string[]): void {
  const r = spawnSync(path.join(repoRoot, 'test-network.sh'), args, { stdio: 'inherit' });
  if (r.status !== 0)
    throw new Error(`./test-network.sh ${args.join(' ')} failed with exit code ${r.status ?? 'null'}`);
}

/** Brings the network up when it is not running and deploys the current chaincode. */
export default function globalSetup(): void {
  const running = script('status') === 0;
  if (!running) {
    process.stderr.write('\n[integration] network not running: starting it\n');
    scriptOrThrow('up');
    fs.writeFileSync(startedMarker, String(process.pid));
  }
  scriptOrThrow('deploy');
}
