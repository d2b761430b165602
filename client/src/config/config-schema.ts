import { z } from 'zod';

const nameSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 characters of A-Z a-z 0-9 . _ -');
const pathSchema = z.string().min(1, 'must be a file path');
const millisSchema = z.number().int().positive().max(3_600_000);

/** The HTTP listener. */
export const serverConfigSchema = z.strictObject({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(3000),
  bodyLimit: z
    .string()
    .regex(/^\d+(b|kb|mb)$/, 'must be a size such as 256kb or 1mb')
    .default('256kb'),
  shutdownTimeoutMs: millisSchema.default(10_000),
  trustProxy: z.boolean().default(false),
});

/** The Fabric Gateway peer this instance talks to, and how long each call may take. */
export const fabricConfigSchema = z.strictObject({
  peerEndpoint: z.string().regex(/^[^:\s]+:\d{1,5}$/, 'must be host:port'),
  peerHostAlias: z.string().min(1).optional(),
  tlsCaCert: pathSchema,
  channel: z.string().min(1).default('scf'),
  chaincode: z.string().min(1).default('scc'),
  timeouts: z
    .strictObject({
      evaluateMs: millisSchema.default(30_000),
      endorseMs: millisSchema.default(60_000),
      submitMs: millisSchema.default(30_000),
      commitStatusMs: millisSchema.default(120_000),
    })
    .prefault({}),
  retry: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(10).default(3),
      backoffMs: z.number().int().min(0).max(60_000).default(250),
    })
    .prefault({}),
  retryAfterSeconds: z.number().int().min(1).max(3600).default(5),
});

/** A Fabric client identity of this organisation. */
export const identityConfigSchema = z.strictObject({
  mspId: z.string().min(1),
  certPath: pathSchema,
  keyPath: pathSchema,
});

/** An API key (stored as the sha256 of the key), the identity it acts as, and the enterprise it acts for. */
export const apiKeyConfigSchema = z.strictObject({
  name: nameSchema,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the sha256 of the key as 64 lowercase hex characters'),
  identity: nameSchema,
  enterpriseId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be an enterprise id'),
});

/** The whole configuration of one API instance (one organisation). */
export const apiConfigSchema = z
  .strictObject({
    server: serverConfigSchema.prefault({}),
    log: z
      .strictObject({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info') })
      .prefault({}),
    fabric: fabricConfigSchema,
    identities: z
      .record(nameSchema, identityConfigSchema)
      .refine((ids) => Object.keys(ids).length > 0, { error: 'must name at least one identity' }),
    apiKeys: z.array(apiKeyConfigSchema).min(1, 'must hold at least one API key'),
  })
  .superRefine((config, ctx) => {
    const names = new Set<string>();
    const hashes = new Set<string>();
    config.apiKeys.forEach((key, i) => {
      if (!(key.identity in config.identities)) {
        ctx.addIssue({
          code: 'custom',
          path: ['apiKeys', i, 'identity'],
          message: `names no configured identity (known: ${Object.keys(config.identities).join(', ')})`,
        });
      }
      if (names.has(key.name)) ctx.addIssue({ code: 'custom', path: ['apiKeys', i, 'name'], message: 'is repeated' });
      if (hashes.has(key.sha256)) {
        ctx.addIssue({ code: 'custom', path: ['apiKeys', i, 'sha256'], message: 'is the same key as another entry' });
      }
      names.add(key.name);
      hashes.add(key.sha256);
    });
  });

/** A validated configuration; file paths are absolute. */
export type ApiConfig = z.output<typeof apiConfigSchema>;
export type FabricConfig = ApiConfig['fabric'];
export type ServerConfig = ApiConfig['server'];
export type IdentityConfig = z.output<typeof identityConfigSchema>;
export type ApiKeyConfig = z.output<typeof apiKeyConfigSchema>;
