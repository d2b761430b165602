import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ApiClient } from './api-client';
import type { DemoConfig } from './demo-config';
import { demoPaths, type DemoPaths } from './demo-paths';
import { Narrator } from './narrator';
import type { NetworkInfo } from './network-info';
import { ProcessSupervisor, type ManagedChild } from './process-supervisor';
import { saveStory, type StoryRecord } from './story-record';
import { TestNetwork } from './test-network';

/** How `npm start` was called. */
export type DemoOptions = Readonly<{
  configFile: string;
  /** A gateway agent configuration of the user's (real devices): production is then live. */
  agentConfig?: string;
  /** Start the PLC simulator (off with --no-simulator). */
  simulator: boolean;
  /** Stop everything once the story is complete instead of waiting for Ctrl-C. */
  exitWhenDone: boolean;
}>;

/** The API clients of the story's parties, each with its own key. */
export type Parties = Readonly<Record<'factory' | 'supplier' | 'buyer' | 'bank', ApiClient>>;

/** Everything one run of the demo shares between its steps, and its shutdown. */
export class DemoSession {
  readonly config: DemoConfig;
  readonly options: DemoOptions;
  readonly paths: DemoPaths;
  readonly narrator: Narrator;
  readonly supervisor: ProcessSupervisor;
  readonly network: TestNetwork;
  readonly abort = new AbortController();
  readonly startedAt = Date.now();
  readonly story: StoryRecord;
  net: NetworkInfo | undefined;
  parties: Parties | undefined;
  /** True when this run started the network (and so stops it). */
  startedNetwork = false;
  #failure: Error | undefined;

  constructor(config: DemoConfig, options: DemoOptions, networkDir: string) {
    this.config = config;
    this.options = options;
    this.paths = demoPaths(config.stateDir);
    for (const dir of [this.paths.root, this.paths.logs, this.paths.config, this.paths.documents]) {
      fs.mkdirSync(dir, { recursive: true });
    }
    this.narrator = new Narrator(this.paths.log);
    this.supervisor = new ProcessSupervisor(this.paths.pids, this.paths.logs);
    this.network = new TestNetwork(networkDir);
    this.story = {
      runTag: `r${Date.now().toString(36)}`,
      mode: options.agentConfig === undefined ? 'replay' : 'live',
      startedAt: new Date(this.startedAt).toISOString(),
      contracts: [],
      timings: {},
      complete: false,
    };
    this.supervisor.onUnexpectedExit((child, code) => {
      this.fail(
        new Error(`${child.name} exited unexpectedly (${String(code)}); its log: ${child.logFile}\n${tail(child)}`),
      );
    });
  }

  /** Stops the story with an error (a child died, a step failed). */
  fail(error: Error): void {
    this.#failure ??= error;
    this.abort.abort(error);
  }

  get failure(): Error | undefined {
    return this.#failure;
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** The parties' API clients, once the APIs run. */
  get api(): Parties {
    if (!this.parties) throw new Error('the API instances are not running');
    return this.parties;
  }

  save(): void {
    saveStory(this.paths.story, this.paths.runs, this.story);
  }

  /** Milliseconds since the demo started. */
  elapsed(): number {
    return Date.now() - this.startedAt;
  }

  /** A path shown relative to the working directory when it is inside it. */
  show(file: string): string {
    const relative = path.relative(process.cwd(), file);
    return relative.startsWith('..') ? file : relative;
  }
}

/** The last lines of a child's log, for error messages. */
export function tail(child: ManagedChild, lines = 15): string {
  try {
    return fs.readFileSync(child.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
