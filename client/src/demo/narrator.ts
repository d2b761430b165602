import pino, { type Logger } from 'pino';

const tty = process.stdout.isTTY;
const bold = (s: string): string => (tty ? `\x1b[1m${s}\x1b[0m` : s);
const dim = (s: string): string => (tty ? `\x1b[2m${s}\x1b[0m` : s);
const green = (s: string): string => (tty ? `\x1b[32m${s}\x1b[0m` : s);
const yellow = (s: string): string => (tty ? `\x1b[33m${s}\x1b[0m` : s);

/** One step of the story as printed: what happened, then what it proved. */
export interface StepPrinter {
  readonly line: (text: string) => void;
  readonly proved: (text: string) => void;
  readonly warn: (text: string) => void;
}

/**
 * What the demo tells its user on the terminal (a numbered story: each step, its results and what
 * it proved), also written as JSON lines with component names to the demo's log file.
 */
export class Narrator {
  readonly log: Logger;
  readonly #out: (text: string) => void;
  #step = 0;

  constructor(logFile: string, out: (text: string) => void = (t) => process.stdout.write(t)) {
    this.log = pino(
      { base: { service: 'scc-demo', pid: process.pid } },
      pino.destination({ dest: logFile, sync: true }),
    );
    this.#out = out;
  }

  print(text = ''): void {
    this.#out(`${text}\n`);
  }

  heading(text: string): void {
    this.print();
    this.print(bold(text));
  }

  step(title: string, component: string): StepPrinter {
    this.#step += 1;
    const n = this.#step;
    const log = this.log.child({ component, step: n });
    this.print();
    this.print(bold(`${String(n).padStart(2)}. ${title}`));
    log.info({ title }, 'step');
    return {
      line: (text) => {
        this.print(`    ${text}`);
        log.info(text);
      },
      proved: (text) => {
        this.print(`    ${green('proved:')} ${text}`);
        log.info({ proved: text }, 'proved');
      },
      warn: (text) => {
        this.print(`    ${yellow('note:')} ${text}`);
        log.warn(text);
      },
    };
  }

  progress(text: string, component: string): void {
    this.print(dim(`    … ${text}`));
    this.log.child({ component }).info(text);
  }
}

/** Formats rows as an aligned text table. */
export function table(rows: readonly (readonly string[])[], rightAligned: readonly number[] = []): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (rightAligned.includes(i) ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/** A number with thousands separators. */
export function n(value: number, decimals = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Money in a currency. */
export function money(value: number, currency = 'USD'): string {
  return `${currency} ${n(value, 2)}`;
}

/** A duration in minutes and seconds. */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}
