import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startedMarker } from './global-setup';
import { repoRoot } from './network';

/** Stops the network only when this integration run started it. */
export default function globalTeardown(): void {
  if (!fs.existsSync(startedMarker)) return;
  fs.rmSync(startedMarker);
  spawnSync(path.join(repoRoot, 'test-network.sh'), ['down'], { stdio: 'inherit' });
}
