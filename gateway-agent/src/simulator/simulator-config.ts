import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { checkLayout, layoutFields } from '../config/register-layout';
import { readYamlFile } from '../config/yaml-file';
import { isBitTable, registerCount } from '../decoding/data-type';
import { DATASETS, signalsOf } from './signals';

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { error: 'must be an ISO-8601 date and time' });

const registerSchema = z.strictObject({ signal: z.string().min(1), ...layoutFields }).superRefine((r, ctx) => {
  checkLayout(r, (field, message) => {
    ctx.addIssue({ code: 'custom', path: [field], message });
  });
});

const machineSchema = z
  .strictObject({
    unitId: z.int().min(0).max(255),
    name: z.string().default(''),
    dataset: z.enum(DATASETS),
    file: z.string().min(1),
    rows: z.strictObject({ first: z.int().min(1).default(1), count: z.int().min(1).optional() }).default({ first: 1 }),
    speed: z.number().positive().default(1),
    cycleSeconds: z.number().positive().default(60),
    startTime: isoTime.default('2024-01-01T00:00:00Z'),
    startPaused: z.boolean().default(false),
    loop: z.boolean().default(false),
    counterStart: z.int().min(0).default(0),
    registers: z.array(registerSchema).min(1, { error: 'a machine needs at least one register' }),
  })
  .superRefine((m, ctx) => {
    const known = signalsOf(m.dataset);
    const used = new Map<string, string>();
    m.registers.forEach((r, i) => {
      if (!known.includes(r.signal)) {
        ctx.addIssue({
          code: 'custom',
          path: ['registers', i, 'signal'],
          message: `${m.dataset} has no signal '${r.signal}' (it has ${known.join(', ')})`,
        });
      }
      const width = isBitTable(r.table) ? 1 : registerCount(r.type);
      for (let a = r.address; a < r.address + width; a++) {
        const other = used.get(`${r.table}:${a}`);
        if (other !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['registers', i, 'address'],
            message: `${r.table} ${a} is already used by '${other}'`,
          });
          break;
        }
        used.set(`${r.table}:${a}`, r.signal);
      }
    });
  });

/** The simulator's configuration: one Modbus TCP server, one machine (unit id) per replayed data set. */
export const simulatorConfigSchema = z
  .strictObject({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.int().min(1).max(65535).default(5020),
    statsFile: z.string().min(1).optional(),
    machines: z.array(machineSchema).min(1, { error: 'at least one machine is needed' }),
  })
  .superRefine((c, ctx) => {
    const units = new Set<number>();
    c.machines.forEach((m, i) => {
      if (units.has(m.unitId)) {
        ctx.addIssue({ code: 'custom', path: ['machines', i, 'unitId'], message: `unit ${m.unitId} is used twice` });
      }
      units.add(m.unitId);
    });
  });

export type SimulatorConfig = z.infer<typeof simulatorConfigSchema>;
export type MachineConfig = SimulatorConfig['machines'][number];
export type SimulatedRegister = MachineConfig['registers'][number];

/** Reads and validates a simulator file; data and stats paths are resolved against its folder. */
export function loadSimulatorConfig(file: string): SimulatorConfig {
  const config = readYamlFile(file, simulatorConfigSchema);
  const base = dirname(resolve(file));
  return {
    ...config,
    ...(config.statsFile ? { statsFile: resolve(base, config.statsFile) } : {}),
    machines: config.machines.map((m) => ({ ...m, file: resolve(base, m.file) })),
  };
}
