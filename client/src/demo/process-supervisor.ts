import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isAlive } from './test-network';

/** What to run as a child process of the demo. */
export type ChildSpec = Readonly<{
  name: string;
  /** The Node.js script and its arguments. */
  script: string;
  args: readonly string[];
  /** Opens an IPC channel (the child then exits when the demo goes away). */
  ipc?: boolean;
}>;

/** A child process the demo started. */
export interface ManagedChild {
  readonly name: string;
  readonly pid: number;
  readonly process: ChildProcess;
  readonly logFile: string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  readonly exited: Promise<number | string>;
}

/** The record of a running child in the pids folder, for `npm stop` after a crash of the demo. */
export type PidRecord = Readonly<{ name: string; pid: number; script: string }>;

/**
 * Starts the demo's processes detached (each in its own process group, so a terminal's Ctrl-C
 * reaches only the demo, which stops them in order), logs each one to its own file and records its
 * pid until it exits.
 */
export class ProcessSupervisor {
  readonly #pidsDir: string;
  readonly #logsDir: string;
  readonly #children = new Map<string, ManagedChild>();
  #onExit: ((child: ManagedChild, code: number | string) => void) | undefined;
  #stopping = new Set<string>();

  constructor(pidsDir: string, logsDir: string) {
    this.#pidsDir = pidsDir;
    this.#logsDir = logsDir;
    fs.mkdirSync(pidsDir, { recursive: true });
    fs.mkdirSync(logsDir, { recursive: true });
  }

  /** Called when a child ends without having been asked to stop. */
  onUnexpectedExit(listener: (child: ManagedChild, code: number | string) => void): void {
    this.#onExit = listener;
  }

  start(spec: ChildSpec): ManagedChild {
    if (this.#children.has(spec.name)) throw new Error(`${spec.name} is already running`);
    const logFile = path.join(this.#logsDir, `${spec.name}.log`);
    const log = fs.openSync(logFile, 'a');
    const child = spawn(process.execPath, [spec.script, ...spec.args], {
      detached: true,
      stdio: spec.ipc ? ['ignore', log, log, 'ipc'] : ['ignore', log, log],
      env: process.env,
    });
    fs.closeSync(log);
    const pid = child.pid;
    if (pid === undefined) throw new Error(`${spec.name} could not be started`);
    const record: PidRecord = { name: spec.name, pid, script: spec.script };
    const pidFile = path.join(this.#pidsDir, `${spec.name}.json`);
    fs.writeFileSync(pidFile, `${JSON.stringify(record)}\n`);
    const exited = new Promise<number | string>((resolve) => {
      child.once('exit', (code, signal) => {
        fs.rmSync(pidFile, { force: true });
        this.#children.delete(spec.name);
        const result = code ?? signal ?? 'unknown';
        if (!this.#stopping.has(spec.name)) this.#onExit?.(managed, result);
        this.#stopping.delete(spec.name);
        resolve(result);
      });
    });
    const managed: ManagedChild = { name: spec.name, pid, process: child, logFile, exited };
    this.#children.set(spec.name, managed);
    return managed;
  }

  get(name: string): ManagedChild | undefined {
    return this.#children.get(name);
  }

  /** Names of the children still running, in start order. */
  running(): string[] {
    return [...this.#children.keys()];
  }

  /** Sends SIGTERM to the child's process group and waits; SIGKILL after `timeoutMs`. */
  async stop(name: string, timeoutMs: number): Promise<void> {
    const child = this.#children.get(name);
    if (!child) return;
    this.#stopping.add(name);
    signalGroup(child.pid, 'SIGTERM');
    const timer = new Promise<'timeout'>((resolve) =>
      setTimeout(() => {
        resolve('timeout');
      }, timeoutMs).unref(),
    );
    if ((await Promise.race([child.exited, timer])) === 'timeout') {
      signalGroup(child.pid, 'SIGKILL');
      await child.exited;
    }
  }

  /** Kills every child at once (a second Ctrl-C). */
  killAll(): void {
    for (const child of this.#children.values()) {
      this.#stopping.add(child.name);
      signalGroup(child.pid, 'SIGKILL');
    }
  }
}

/** Signals a process group (a detached child and anything it started), or the process alone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      if (isAlive(pid)) process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}
