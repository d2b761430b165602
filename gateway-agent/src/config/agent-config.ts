import { z } from 'zod';
import { DataType, isBitTable, registerCount, Table } from '../decoding/data-type';
import { checkLayout, layoutFields } from './register-layout';
import { COUNTER_ROLES, ROLES, SINGLE_ROLES } from './roles';

const ledgerId = z
  .string()
  .regex(/^[A-Za-z0-9._-]{1,64}$/, { error: 'must be 1-64 characters of letters, digits, ".", "_" or "-"' });
const milliseconds = (min: number, fallback: number) => z.int().min(min).max(86_400_000).default(fallback);
const nonEmpty = z.string().min(1, { error: 'must not be empty' });

const registerSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, { error: 'must start with a letter; letters, digits, "_", ".", "-"' }),
    ...layoutFields,
    role: z.enum(ROLES).default('measurement'),
    maxStep: z.number().positive().optional(),
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string): void => {
      ctx.addIssue({ code: 'custom', path: [path], message });
    };
    checkLayout(r, issue);
    const counter = COUNTER_ROLES.includes(r.role);
    if (r.maxStep !== undefined && !counter) issue('maxStep', `applies only to counters, not to role ${r.role}`);
    if (counter && r.role !== 'energy') {
      if (r.type !== 'uint16' && r.type !== 'uint32') issue('type', `a ${r.role} counter must be uint16 or uint32`);
      if (!Number.isInteger(r.scale) || r.scale < 1) issue('scale', `a ${r.role} counter needs a positive whole scale`);
      if (r.offset !== 0) issue('offset', `a ${r.role} counter takes no offset`);
    }
    if (r.role === 'energy') {
      if (r.type === 'bool' || r.type === 'int16' || r.type === 'int32') {
        issue('type', 'an energy meter must be uint16, uint32, float32 or float64');
      }
      if (r.scale < 0) issue('scale', 'an energy meter needs a positive scale');
    }
  });

type Placed = Readonly<{ name: string; table: Table; address: number; type: DataType; bit?: number | undefined }>;

/**
 * Two values of a device must not share a register (or a bit of a bit table): a uint32 at holding 4
 * and a uint16 at holding 5 read the same word two ways, which is a wrong address or type. Bit fields
 * (bool with `bit`) of one register are the exception, each reading its own bit.
 */
function checkOverlaps(registers: readonly Placed[], issue: (index: number, message: string) => void): void {
  const span = (r: Placed) => (isBitTable(r.table) ? 1 : registerCount(r.type));
  const where = (r: Placed) => {
    const last = r.address + span(r) - 1;
    return `${r.table} ${r.address}${last > r.address ? `-${last}` : ''}${r.bit === undefined ? '' : ` bit ${r.bit}`}`;
  };
  registers.forEach((b, j) => {
    const other = registers.slice(0, j).find((a) => {
      if (a.table !== b.table || a.address >= b.address + span(b) || b.address >= a.address + span(a)) return false;
      return !(a.bit !== undefined && b.bit !== undefined && a.bit !== b.bit && !isBitTable(a.table));
    });
    if (other) issue(j, `${where(b)} overlaps register '${other.name}' at ${where(other)}`);
  });
}

const tcpSchema = z.strictObject({
  type: z.literal('tcp'),
  host: nonEmpty,
  port: z.int().min(1).max(65535).default(502),
  connectTimeoutMs: milliseconds(10, 3000),
});

const rtuSchema = z.strictObject({
  type: z.literal('rtu'),
  path: nonEmpty,
  baudRate: z.int().positive().default(9600),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
});

const deviceSchema = z
  .strictObject({
    id: ledgerId,
    description: z.string().default(''),
    connection: z.discriminatedUnion('type', [tcpSchema, rtuSchema]),
    unitId: z.int().min(0).max(255),
    pollIntervalMs: milliseconds(50, 1000),
    timeoutMs: milliseconds(10, 1000),
    timeSource: z.enum(['agent', 'device']).default('agent'),
    holdSeconds: z.number().positive().optional(),
    reconnect: z
      .strictObject({ initialMs: milliseconds(10, 500), maxMs: milliseconds(10, 30_000) })
      .default({ initialMs: 500, maxMs: 30_000 }),
    timeoutsBeforeReconnect: z.int().min(1).default(3),
    maxReadGap: z.int().min(0).max(100).default(0),
    registers: z.array(registerSchema).min(1, { error: 'a device needs at least one register' }),
  })
  .superRefine((d, ctx) => {
    const names = new Set<string>();
    d.registers.forEach((r, i) => {
      if (names.has(r.name)) {
        ctx.addIssue({ code: 'custom', path: ['registers', i, 'name'], message: `'${r.name}' is used twice` });
      }
      names.add(r.name);
    });
    checkOverlaps(d.registers, (i, message) => {
      ctx.addIssue({ code: 'custom', path: ['registers', i, 'address'], message });
    });
    for (const role of SINGLE_ROLES) {
      const holders = d.registers.filter((r) => r.role === role);
      if (holders.length > 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['registers'],
          message: `role ${role} is given to more than one register (${holders.map((r) => r.name).join(', ')})`,
        });
      }
    }
    if (!d.registers.some((r) => r.role === 'runState')) {
      ctx.addIssue({ code: 'custom', path: ['registers'], message: 'one register must have role runState' });
    }
    if (d.timeSource === 'device') {
      if (!d.registers.some((r) => r.role === 'clock')) {
        ctx.addIssue({
          code: 'custom',
          path: ['timeSource'],
          message: 'device time needs a register with role clock',
        });
      }
      if (d.holdSeconds === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['holdSeconds'],
          message: 'required with device time (how long one sample stands for, in device seconds)',
        });
      }
    }
    if (d.reconnect.maxMs < d.reconnect.initialMs) {
      ctx.addIssue({ code: 'custom', path: ['reconnect', 'maxMs'], message: 'must not be below initialMs' });
    }
  });

const fabricSchema = z.strictObject({
  peerEndpoint: z.string().regex(/^[^\s:]+:\d{1,5}$/, { error: 'must be host:port' }),
  peerHostAlias: z.string().min(1).optional(),
  tlsCaCert: nonEmpty,
  mspId: nonEmpty,
  certificate: nonEmpty,
  privateKey: nonEmpty,
  channel: nonEmpty.default('scf'),
  chaincode: nonEmpty.default('scc'),
  evaluateTimeoutMs: milliseconds(100, 5000),
  endorseTimeoutMs: milliseconds(100, 15_000),
  submitTimeoutMs: milliseconds(100, 5000),
  commitStatusTimeoutMs: milliseconds(100, 60_000),
});

/** The agent's configuration file, as validated. */
export const agentConfigSchema = z
  .strictObject({
    enterpriseId: ledgerId,
    stateDir: nonEmpty.default('state'),
    period: z.strictObject({
      seconds: z
        .int()
        .min(1)
        .max(86_400)
        .refine((s) => 86_400 % s === 0, { error: 'must divide a day (86400 s) so periods align to days' }),
    }),
    http: z
      .strictObject({ host: nonEmpty.default('127.0.0.1'), port: z.int().min(0).max(65535).default(9464) })
      .default({ host: '127.0.0.1', port: 9464 }),
    log: z
      .strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
      .default({ level: 'info' }),
    fabric: fabricSchema,
    outbox: z
      .strictObject({
        batchSize: z.int().min(1).max(500).default(50),
        retryInitialMs: milliseconds(10, 1000),
        retryMaxMs: milliseconds(10, 60_000),
        idleMs: milliseconds(10, 500),
      })
      .default({ batchSize: 50, retryInitialMs: 1000, retryMaxMs: 60_000, idleMs: 500 }),
    devices: z.array(deviceSchema).min(1, { error: 'at least one device is needed' }),
  })
  .superRefine((c, ctx) => {
    const ids = new Map<string, number>();
    const units = new Map<string, number>();
    const serial = new Map<string, { index: number; settings: string }>();
    c.devices.forEach((d, i) => {
      if (ids.has(d.id)) {
        ctx.addIssue({ code: 'custom', path: ['devices', i, 'id'], message: `'${d.id}' is used twice` });
      }
      ids.set(d.id, i);
      const endpoint = connectionKey(d.connection);
      const unitKey = `${endpoint}#${d.unitId}`;
      const other = units.get(unitKey);
      if (other !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['devices', i, 'unitId'],
          message: `unit ${d.unitId} on ${endpoint} is already read as device '${c.devices[other]?.id ?? ''}'`,
        });
      }
      units.set(unitKey, i);
      if (d.connection.type === 'rtu') {
        const { baudRate, parity, stopBits, dataBits } = d.connection;
        const settings = JSON.stringify({ baudRate, parity, stopBits, dataBits });
        const seen = serial.get(endpoint);
        if (seen && seen.settings !== settings) {
          ctx.addIssue({
            code: 'custom',
            path: ['devices', i, 'connection'],
            message: `serial settings differ from device '${c.devices[seen.index]?.id ?? ''}' on the same bus ${d.connection.path}`,
          });
        }
        serial.set(endpoint, seen ?? { index: i, settings });
      }
    });
    if (c.outbox.retryMaxMs < c.outbox.retryInitialMs) {
      ctx.addIssue({ code: 'custom', path: ['outbox', 'retryMaxMs'], message: 'must not be below retryInitialMs' });
    }
  });

/** A validated agent configuration (paths resolved against the config file's folder). */
export type AgentConfig = z.infer<typeof agentConfigSchema>;
export type DeviceConfig = AgentConfig['devices'][number];
export type RegisterConfig = DeviceConfig['registers'][number];
export type ConnectionConfig = DeviceConfig['connection'];
export type FabricConfig = AgentConfig['fabric'];

/** The key under which devices share one Modbus connection: a TCP host and port, or a serial path. */
export function connectionKey(connection: ConnectionConfig): string {
  return connection.type === 'tcp' ? `tcp://${connection.host}:${connection.port}` : `rtu://${connection.path}`;
}
