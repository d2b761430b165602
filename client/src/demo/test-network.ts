import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './demo-paths';

const script = path.join(repoRoot, 'test-network.sh');

/** Runs `test-network.sh` sub-commands for the demo, with the caller's environment (ports, state folder). */
export class TestNetwork {
  readonly dir: string;
  #running: ChildProcess | undefined;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Pids recorded by the script whose processes are alive (any orderer, peer or chaincode server). */
  liveProcesses(): number[] {
    const pids = path.join(this.dir, 'pids');
    if (!fs.existsSync(pids)) return [];
    return fs
      .readdirSync(pids)
      .filter((f) => f.endsWith('.pid'))
      .map((f) => Number(fs.readFileSync(path.join(pids, f), 'utf8').trim()))
      .filter((pid) => Number.isInteger(pid) && pid > 0 && isAlive(pid));
  }

  /** True when every orderer and peer runs (`status` exits 0). */
  async isRunning(): Promise<boolean> {
    return (await this.run(['status'], 'ignore')) === 0;
  }

  /** True when Fabric's programs are there (`build --check`): `up` starts without building them. */
  async hasFabric(): Promise<boolean> {
    return (await this.run(['build', '--check'], 'ignore')) === 0;
  }

  /** Runs a sub-command; its progress goes to this process's stderr unless `output` is 'ignore'. */
  run(args: readonly string[], output: 'inherit' | 'ignore' = 'inherit'): Promise<number> {
    return new Promise((resolve, reject) => {
      const child = spawn(script, args, {
        cwd: repoRoot,
        env: process.env,
        stdio: ['ignore', output === 'inherit' ? 'inherit' : 'ignore', output === 'inherit' ? 'inherit' : 'ignore'],
      });
      this.#running = child;
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        this.#running = undefined;
        resolve(code ?? (signal ? 128 : 1));
      });
    });
  }

  /** Runs a sub-command and throws when it fails. */
  async runOrThrow(args: readonly string[]): Promise<void> {
    const code = await this.run(args);
    if (code !== 0) throw new Error(`./test-network.sh ${args.join(' ')} failed (exit code ${code})`);
  }

  /** Interrupts a sub-command in progress (it stops what it had started). */
  interrupt(): void {
    this.#running?.kill('SIGTERM');
  }
}

/** True when a process with this pid exists and has not ended (a zombie waiting for its parent has ended). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    return !/^\d+ \(.*\) Z/s.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}
