import * as path from 'node:path';

/** The repository root (this file runs from `client/dist/demo` or `client/src/demo`). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The demo configuration `npm start` uses unless `--config` names another. */
export const defaultDemoConfig = path.join(repoRoot, 'client', 'config', 'demo.yaml');

/** Where `test-network.sh` keeps the network's state (`SCC_NETWORK_DIR`, as the script reads it). */
export function networkDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.SCC_NETWORK_DIR;
  return dir !== undefined && dir !== '' ? path.resolve(dir) : path.join(repoRoot, 'network', 'state');
}

/** The files and folders of the demo's state folder. */
export interface DemoPaths {
  readonly root: string;
  readonly config: string;
  readonly logs: string;
  readonly pids: string;
  readonly documents: string;
  readonly agentState: string;
  /** The running demo's own pid. */
  readonly lockFile: string;
  /** Present while the network runs because this demo started it. */
  readonly networkMarker: string;
  readonly apiKeys: string;
  readonly tryEnv: string;
  readonly story: string;
  /** One record per run (`<runTag>.json`), the latest also as `story`. */
  readonly runs: string;
  readonly simulatorStats: string;
  readonly log: string;
}

/** The layout of a demo state folder. */
export function demoPaths(root: string): DemoPaths {
  return {
    root,
    config: path.join(root, 'config'),
    logs: path.join(root, 'logs'),
    pids: path.join(root, 'pids'),
    documents: path.join(root, 'documents'),
    agentState: path.join(root, 'agent'),
    lockFile: path.join(root, 'demo.pid'),
    networkMarker: path.join(root, 'network-started-by-demo.json'),
    apiKeys: path.join(root, 'api-keys.json'),
    tryEnv: path.join(root, 'try.env'),
    story: path.join(root, 'story.json'),
    runs: path.join(root, 'runs'),
    simulatorStats: path.join(root, 'simulator-stats.json'),
    log: path.join(root, 'logs', 'demo.log'),
  };
}
