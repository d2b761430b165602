import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

/** A virtual serial cable: two linked pseudo-terminals (needs python3). */
export class SerialPair {
  readonly #child: ChildProcess;
  readonly paths: Promise<[string, string]>;

  constructor() {
    this.#child = spawn('python3', [join(__dirname, 'serial-pair.py')], { stdio: ['ignore', 'pipe', 'inherit'] });
    this.paths = new Promise((resolve, reject) => {
      let out = '';
      this.#child.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const lines = out.split('\n').filter((l) => l !== '');
        if (lines.length >= 2) resolve([lines[0]!, lines[1]!]);
      });
      this.#child.once('error', reject);
      this.#child.once('exit', (code) => {
        reject(new Error(`serial pair exited with ${String(code)}`));
      });
    });
  }

  close(): void {
    this.#child.kill();
  }
}
