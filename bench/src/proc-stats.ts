import * as fs from 'node:fs';
import * as path from 'node:path';

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, or undefined when it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / TICKS_PER_SECOND;
}

/** Resident set size of a process in MiB, or undefined when it is gone. */
export function rssMiB(pid: number): number | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /^VmRSS:\s+(\d+) kB/m.exec(status);
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds of the whole machine (all cores, busy time) and the number of cores. */
export function machineBusySeconds(): number {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = v;
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

/** The pids recorded by test-network.sh in `<state>/pids/NAME.pid`. */
export function networkPids(networkDir: string): Map<string, number> {
  const dir = path.join(networkDir, 'pids');
  const pids = new Map<string, number>();
  for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (!file.endsWith('.pid')) continue;
    const pid = Number(fs.readFileSync(path.join(dir, file), 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0) pids.set(file.slice(0, -4), pid);
  }
  return pids;
}

/** Measures how many cores each named process used between `start` and `stop`. */
export class CpuMeter {
  readonly #pids: ReadonlyMap<string, number>;
  #startCpu = new Map<string, number>();
  #startWall = 0;
  #startMachine = 0;

  constructor(pids: ReadonlyMap<string, number>) {
    this.#pids = pids;
  }

  start(): void {
    this.#startWall = performance.now();
    this.#startMachine = machineBusySeconds();
    this.#startCpu = new Map();
    for (const [name, pid] of this.#pids) {
      const s = cpuSeconds(pid);
      if (s !== undefined) this.#startCpu.set(name, s);
    }
  }

  /** Cores used per process (CPU seconds / wall seconds), plus `machine` for every process on the host. */
  stop(): Record<string, number> {
    const wall = (performance.now() - this.#startWall) / 1000;
    const out: Record<string, number> = {};
    for (const [name, pid] of this.#pids) {
      const before = this.#startCpu.get(name);
      const after = cpuSeconds(pid);
      if (before !== undefined && after !== undefined) out[name] = Math.round(((after - before) / wall) * 1000) / 1000;
    }
    out.machine = Math.round(((machineBusySeconds() - this.#startMachine) / wall) * 1000) / 1000;
    return out;
  }
}
