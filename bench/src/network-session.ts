import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/** The repository root (bench/dist/bench/src → four levels up; bench/src → two). */
export const repoRoot = path.resolve(
  __dirname,
  __dirname.includes(`${path.sep}dist${path.sep}`) ? '../../../..' : '../..',
);

/** The state folder the network script uses, as the script resolves it. */
export const networkDir = process.env.SCC_NETWORK_DIR ?? path.join(repoRoot, 'network', 'state');

function script(args: readonly string[], quiet: boolean): number {
  const r = spawnSync(path.join(repoRoot, 'test-network.sh'), args, {
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', quiet ? 'ignore' : 'inherit'],
    env: process.env,
  });
  return r.status ?? 1;
}

/** A network the benchmark uses: the one already running, or one it started (and stops at the end). */
export interface NetworkSession {
  readonly startedHere: boolean;
  close(): void;
}

/**
 * Uses the network of `SCC_NETWORK_DIR` when it runs (like the integration tests), otherwise brings
 * it up; either way deploys the current chaincode (unless `deploy` is false: measure the chaincode
 * already deployed). `close` stops only a network started here.
 */
export function openNetwork(log: (line: string) => void, deploy = true): NetworkSession {
  const running = script(['status'], true) === 0;
  if (!running) {
    log(`network in ${networkDir} not running: starting it`);
    if (script(['up'], false) !== 0) throw new Error('./test-network.sh up failed');
  } else {
    log(`using the running network in ${networkDir}`);
  }
  // Right after a restart the ordering service may still be electing its Raft leader: try again.
  for (let attempt = 1; deploy && script(['deploy'], false) !== 0; attempt++) {
    if (attempt >= 3) {
      if (!running) script(['down'], false);
      throw new Error('./test-network.sh deploy failed');
    }
    log(`deploy failed; trying again in 10 s (${attempt}/2)`);
    spawnSync('sleep', ['10']);
  }
  let closed = false;
  return {
    startedHere: !running,
    close: () => {
      if (closed || running) return;
      closed = true;
      log('stopping the network this run started');
      script(['down'], false);
    },
  };
}
