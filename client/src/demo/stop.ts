#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadDemoConfig } from './demo-config';
import { defaultDemoConfig, demoPaths, repoRoot } from './demo-paths';
import { runningDemo, stopRecorded } from './recorded-processes';
import { isAlive } from './test-network';
import { sleep } from './wait';

const MAIN_MARKER = 'demo/main.js';

/**
 * `npm stop`: asks the running demo to stop (it stops its simulator, agent, APIs and, when it started
 * it, the network), waits for it, then stops anything a crashed demo left behind.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { config: { type: 'string' } }, strict: true });
  const config = loadDemoConfig(values.config ?? defaultDemoConfig);
  const paths = demoPaths(config.stateDir);
  const pid = runningDemo(paths.lockFile, MAIN_MARKER);
  const say = (text: string): void => {
    process.stdout.write(`[demo] ${text}\n`);
  };
  if (pid !== undefined) {
    say(`stopping the demo (pid ${pid}) and everything it started`);
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 180_000;
    while (isAlive(pid) && Date.now() < deadline) await sleep(250);
    if (isAlive(pid)) {
      say(`the demo (pid ${pid}) did not stop within 3 minutes; killing it`);
      process.kill(pid, 'SIGKILL');
    }
  }
  const leftovers = await stopRecorded(paths.pids);
  for (const r of leftovers) say(`stopped ${r.name} (pid ${r.pid}), left by a demo that did not finish`);
  if (fs.existsSync(paths.networkMarker)) {
    const { networkDir } = JSON.parse(fs.readFileSync(paths.networkMarker, 'utf8')) as { networkDir: string };
    say(`stopping the network the demo started (${networkDir})`);
    spawnSync(path.join(repoRoot, 'test-network.sh'), ['down'], {
      stdio: 'inherit',
      env: { ...process.env, SCC_NETWORK_DIR: networkDir },
    });
    fs.rmSync(paths.networkMarker, { force: true });
  }
  fs.rmSync(paths.lockFile, { force: true });
  say(
    pid === undefined && leftovers.length === 0
      ? 'no demo was running'
      : 'stopped; nothing the demo started is left running',
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
