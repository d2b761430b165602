import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import YAML from 'yaml';
import { DemoConfigError, loadDemoConfig } from './demo-config';
import { defaultDemoConfig, repoRoot } from './demo-paths';

describe('the demo configuration', () => {
  it('loads the committed file with paths resolved, and takes ports and overrides from the environment and command line', () => {
    const config = loadDemoConfig(
      defaultDemoConfig,
      { SCC_DEMO_BANK_API_PORT: '47103', SCC_DEMO_DIR: '/tmp/x' },
      { days: 7 },
    );
    expect(config.dataDir).toBe(path.join(repoRoot, 'data'));
    expect(config.stateDir).toBe('/tmp/x');
    expect(config.ports.bankApi).toBe(47103);
    expect(config.replay.days).toBe(7);
  });

  it('names every field at fault', () => {
    const raw = YAML.parse(fs.readFileSync(defaultDemoConfig, 'utf8')) as Record<string, Record<string, unknown>>;
    raw.replay = { ...raw.replay, periodSeconds: 7000 };
    raw.trade = { ...raw.trade, split: { line: 9088, transferPercent: 40 } };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-config-'));
    const file = path.join(dir, 'demo.yaml');
    try {
      fs.writeFileSync(file, YAML.stringify(raw));
      expect(() => loadDemoConfig(file, {})).toThrow(DemoConfigError);
      expect(() => loadDemoConfig(file, {})).toThrow(
        /replay\.periodSeconds: must divide a day[\s\S]*trade\.split\.line: must differ/,
      );
      expect(() => loadDemoConfig(file, { SCC_DEMO_CORE_API_PORT: 'x' })).toThrow(
        /SCC_DEMO_CORE_API_PORT: must be a port number/,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
