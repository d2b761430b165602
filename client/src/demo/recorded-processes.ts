import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { signalGroup, type PidRecord } from './process-supervisor';
import { isAlive } from './test-network';
import { sleep } from './wait';

/** The command line of a process, or undefined when there is no such process. */
export function commandOf(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    try {
      return execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      return undefined;
    }
  }
}

/** True when `pid` is alive and runs `script` (a pid file may outlive its process and the pid be reused). */
export function runs(pid: number, script: string): boolean {
  return isAlive(pid) && (commandOf(pid)?.includes(script) ?? false);
}

/** The pid records of children a demo started and that are still alive. */
export function liveRecords(pidsDir: string): PidRecord[] {
  if (!fs.existsSync(pidsDir)) return [];
  const records: PidRecord[] = [];
  for (const file of fs.readdirSync(pidsDir).filter((f) => f.endsWith('.json'))) {
    const full = path.join(pidsDir, file);
    try {
      const record = JSON.parse(fs.readFileSync(full, 'utf8')) as PidRecord;
      if (runs(record.pid, record.script)) records.push(record);
      else fs.rmSync(full, { force: true });
    } catch {
      fs.rmSync(full, { force: true });
    }
  }
  return records;
}

/** Stops the recorded children of a demo that is gone (SIGTERM, then SIGKILL after `timeoutMs`). */
export async function stopRecorded(pidsDir: string, timeoutMs = 40_000): Promise<PidRecord[]> {
  const records = liveRecords(pidsDir);
  for (const r of records) signalGroup(r.pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (records.some((r) => isAlive(r.pid)) && Date.now() < deadline) await sleep(200);
  for (const r of records) if (isAlive(r.pid)) signalGroup(r.pid, 'SIGKILL');
  for (const r of records) fs.rmSync(path.join(pidsDir, `${r.name}.json`), { force: true });
  return records;
}

/** The running demo recorded in the lock file, if it is alive. */
export function runningDemo(lockFile: string, script: string): number | undefined {
  if (!fs.existsSync(lockFile)) return undefined;
  const pid = Number(fs.readFileSync(lockFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && runs(pid, script) ? pid : undefined;
}
