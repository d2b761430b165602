import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { sleep } from './stats';

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => {
        resolve(port);
      });
    });
  });
}

/**
 * Where child processes write CPU profiles (`node --cpu-prof`), when `BENCH_CPU_PROF_DIR` is set:
 * the agent and the REST API write theirs when they stop.
 */
export const cpuProfileDir = process.env.BENCH_CPU_PROF_DIR;

/** Starts a Node.js script with its output appended to a log file (profiled when `profile` and a profile folder is set). */
export function startNode(
  script: string,
  args: readonly string[],
  logFile: string,
  cwd?: string,
  profile = false,
): ChildProcess {
  const out = fs.openSync(logFile, 'a');
  const nodeArgs = profile && cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfileDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, script, ...args], {
    stdio: ['ignore', out, out],
    env: process.env,
    ...(cwd ? { cwd } : {}),
  });
  fs.closeSync(out);
  return child;
}

/** Waits until a log file contains a line matching `pattern`, or the process exits, or the time is up. */
export async function waitForLog(
  child: ChildProcess,
  logFile: string,
  pattern: RegExp,
  timeoutMs: number,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`process exited with ${child.exitCode}; see ${logFile}`);
    if (fs.existsSync(logFile) && pattern.test(fs.readFileSync(logFile, 'utf8'))) return;
    await sleep(250);
  }
  throw new Error(`no ${String(pattern)} in ${logFile} within ${timeoutMs} ms`);
}

/** Sends SIGTERM and waits for the exit (SIGKILL after `graceMs`). */
export async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      resolve(code);
    }),
  );
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  const code = await exited;
  clearTimeout(timer);
  return code;
}
