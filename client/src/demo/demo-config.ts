import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';

const idSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 characters of A-Z a-z 0-9 . _ -');
const portSchema = z.number().int().min(1).max(65535);
const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), 'must be a real date');

const orgSchema = z.enum(['factory', 'core', 'bank']);

/** An identity: a cryptogen user of the test network, or certificate and key files. */
const identitySchema = z.union([
  z.strictObject({ org: orgSchema, user: z.string().regex(/^(Admin|User\d+)$/, 'must be Admin or UserN') }),
  z.strictObject({ org: orgSchema, certPath: z.string().min(1), keyPath: z.string().min(1) }),
]);

const enterpriseSchema = z.strictObject({ id: idSchema, name: z.string().trim().min(1).max(200) });

/** What `npm start` does: its ports, enterprises, identities, the replayed data and the trade story. */
export const demoConfigSchema = z
  .strictObject({
    stateDir: z.string().min(1),
    dataDir: z.string().min(1),
    ports: z.strictObject({
      factoryApi: portSchema,
      coreApi: portSchema,
      bankApi: portSchema,
      simulator: portSchema,
      agentHttp: portSchema,
    }),
    enterprises: z.strictObject({
      factory: enterpriseSchema,
      supplier: enterpriseSchema,
      buyer: enterpriseSchema,
      bank: enterpriseSchema,
    }),
    identities: z.strictObject({
      factory: identitySchema,
      gateway: identitySchema,
      supplier: identitySchema,
      buyer: identitySchema,
      bank: identitySchema,
    }),
    replay: z.strictObject({
      start: daySchema,
      days: z.number().int().min(1).max(365),
      speed: z.number().positive().max(1_000_000),
      periodSeconds: z
        .number()
        .int()
        .min(60)
        .max(86_400)
        .refine((s) => 86_400 % s === 0, 'must divide a day (86400 s)'),
      pollIntervalMs: z.number().int().min(50).max(10_000),
      mill: z.strictObject({
        device: idSchema,
        file: z.string().min(1),
        firstRow: z.number().int().min(1),
        cycleSeconds: z
          .number()
          .int()
          .min(1)
          .refine((s) => 86_400 % s === 0, 'must divide a day (86400 s) so that every day starts a cycle'),
      }),
      meter: z.strictObject({ device: idSchema, file: z.string().min(1) }),
    }),
    trade: z.strictObject({
      file: z.string().min(1),
      lines: z.array(z.number().int().positive()).min(2).max(20),
      poDay: z.number().int().min(0).max(365),
      paymentTermsDays: z.number().int().min(0).max(365),
      finance: z.strictObject({
        line: z.number().int().positive(),
        advancePercent: z.number().gt(0).max(100),
        ratePercent: z.number().min(0).max(100),
      }),
      split: z.strictObject({ line: z.number().int().positive(), transferPercent: z.number().gt(0).lt(100) }),
      consentDays: z.number().int().min(1).max(3650),
    }),
    live: z.strictObject({
      minRecordsPerDevice: z.number().int().min(1),
      timeoutMinutes: z.number().positive(),
    }),
  })
  .superRefine((c, ctx) => {
    const lines = new Set(c.trade.lines);
    if (lines.size !== c.trade.lines.length) {
      ctx.addIssue({ code: 'custom', path: ['trade', 'lines'], message: 'must not repeat a line' });
    }
    for (const part of ['finance', 'split'] as const) {
      if (!lines.has(c.trade[part].line)) {
        ctx.addIssue({ code: 'custom', path: ['trade', part, 'line'], message: 'must be one of trade.lines' });
      }
    }
    if (c.trade.finance.line === c.trade.split.line) {
      ctx.addIssue({
        code: 'custom',
        path: ['trade', 'split', 'line'],
        message: 'must differ from trade.finance.line (a financed receivable cannot be split)',
      });
    }
    const ids = Object.values(c.enterprises).map((e) => e.id);
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: 'custom', path: ['enterprises'], message: 'enterprise ids must differ' });
    }
    const ports = Object.values(c.ports);
    if (new Set(ports).size !== ports.length) {
      ctx.addIssue({ code: 'custom', path: ['ports'], message: 'ports must differ' });
    }
  });

/** A validated demo configuration; paths are absolute. */
export type DemoConfig = z.output<typeof demoConfigSchema>;
export type DemoIdentity = DemoConfig['identities']['factory'];
export type DemoRole = keyof DemoConfig['identities'];

/** A configuration that cannot be used; the message names each field at fault. */
export class DemoConfigError extends Error {
  constructor(file: string, problems: readonly string[]) {
    super(`invalid demo configuration ${file}:\n  ${problems.join('\n  ')}`);
    this.name = 'DemoConfigError';
  }
}

/** Environment variables that override the file. */
export const demoEnvOverrides = {
  SCC_DEMO_DIR: 'stateDir',
  SCC_DEMO_FACTORY_API_PORT: 'ports.factoryApi',
  SCC_DEMO_CORE_API_PORT: 'ports.coreApi',
  SCC_DEMO_BANK_API_PORT: 'ports.bankApi',
  SCC_DEMO_SIMULATOR_PORT: 'ports.simulator',
  SCC_DEMO_AGENT_PORT: 'ports.agentHttp',
} as const;

/** Command-line settings that override the file. */
export type DemoOverrides = Readonly<{ days?: number; speed?: number }>;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function section(raw: Record<string, unknown>, key: string): Record<string, unknown> {
  const value = raw[key];
  if (isRecord(value)) return value;
  const created: Record<string, unknown> = {};
  raw[key] = created;
  return created;
}

function applyEnv(raw: Record<string, unknown>, env: NodeJS.ProcessEnv, problems: string[]): void {
  for (const [variable, target] of Object.entries(demoEnvOverrides)) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    if (target === 'stateDir') {
      raw.stateDir = path.resolve(value);
      continue;
    }
    if (!/^\d+$/.test(value)) {
      problems.push(`${variable}: must be a port number`);
      continue;
    }
    section(raw, 'ports')[target.slice('ports.'.length)] = Number(value);
  }
}

/**
 * Reads the demo's YAML file, applies `SCC_DEMO_*` environment variables and command-line
 * overrides, resolves paths against the file's folder and validates everything.
 */
export function loadDemoConfig(
  file: string,
  env: NodeJS.ProcessEnv = process.env,
  overrides: DemoOverrides = {},
): DemoConfig {
  const absolute = path.resolve(file);
  if (!fs.existsSync(absolute)) throw new DemoConfigError(absolute, ['file not found']);
  let raw: unknown;
  try {
    raw = YAML.parse(fs.readFileSync(absolute, 'utf8'));
  } catch (err) {
    throw new DemoConfigError(absolute, [`cannot be parsed: ${err instanceof Error ? err.message : String(err)}`]);
  }
  if (!isRecord(raw)) throw new DemoConfigError(absolute, ['must hold a mapping at the top level']);
  const base = path.dirname(absolute);
  for (const key of ['stateDir', 'dataDir'] as const) {
    if (typeof raw[key] === 'string') raw[key] = path.resolve(base, raw[key]);
  }
  if (isRecord(raw.identities)) {
    for (const identity of Object.values(raw.identities)) {
      if (!isRecord(identity)) continue;
      for (const key of ['certPath', 'keyPath']) {
        if (typeof identity[key] === 'string') identity[key] = path.resolve(base, identity[key]);
      }
    }
  }
  const problems: string[] = [];
  applyEnv(raw, env, problems);
  if (overrides.days !== undefined) section(raw, 'replay').days = overrides.days;
  if (overrides.speed !== undefined) section(raw, 'replay').speed = overrides.speed;
  const parsed = demoConfigSchema.safeParse(raw);
  if (!parsed.success) {
    problems.push(...parsed.error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(top)'}: ${i.message}`));
  }
  if (problems.length > 0 || !parsed.success) throw new DemoConfigError(absolute, problems);
  return parsed.data;
}
