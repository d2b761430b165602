import { z } from 'zod';
import { identifierSchema, isoTimeSchema } from './common';

const wordSchema = z.number().int().min(0).max(0xffff);

/**
 * A register name as the gateway agent's config allows it (gateway-agent/src/config/agent-config.ts).
 * Anything else, `__proto__` above all, would not be hashed as sent and must not pass as verified.
 */
const registerNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'must be a register name: a letter, then letters, digits, _ . - (1-64)');

/**
 * One raw poll of a device as the gateway agent keeps it: the raw 16-bit words of every value, or the
 * code of the failure. `t` is the poll time, as an ISO-8601 time or epoch milliseconds.
 */
export const rawSampleSchema = z
  .strictObject({
    deviceId: z.string().min(1).max(64),
    t: z.union([isoTimeSchema, z.number().int().nonnegative().max(253_402_300_799_999)]),
    words: z
      .preprocess(
        (value, ctx) => {
          // zod's record drops an own `__proto__` key without a word: refuse it instead.
          if (typeof value === 'object' && value !== null && Object.hasOwn(value, '__proto__')) {
            ctx.issues.push({
              code: 'custom',
              message: 'must be a register name: a letter, then letters, digits, _ . - (1-64)',
              input: value,
              path: ['__proto__'],
            });
          }
          return value;
        },
        z.record(registerNameSchema, z.array(wordSchema).max(64)),
      )
      .optional(),
    error: z.string().min(1).max(64).optional(),
  })
  .refine((s) => (s.words === undefined) !== (s.error === undefined), {
    error: 'must have either words (a good poll) or error (a failed poll)',
    path: ['words'],
  });
export type RawSample = z.output<typeof rawSampleSchema>;

/** A period's raw samples, in poll order, to check against the digest on the ledger. */
export const sampleVerificationRequestSchema = z
  .strictObject({
    enterpriseId: identifierSchema,
    deviceId: identifierSchema,
    periodStart: isoTimeSchema,
    samples: z.array(rawSampleSchema).min(1).max(100_000),
  })
  .meta({ id: 'SampleVerificationRequest' });
export type SampleVerificationRequest = z.output<typeof sampleVerificationRequestSchema>;

/** Whether the samples hash to the digest recorded for the period. */
export const sampleVerificationSchema = z
  .object({
    matches: z.boolean().meta({ description: 'True when the digest and the sample count both match the ledger.' }),
    computedDigest: z.string(),
    ledgerDigest: z.string(),
    sampleCount: z.number().int(),
    ledgerSampleCount: z.number().int(),
    record: z.object({
      enterpriseId: z.string(),
      deviceId: z.string(),
      periodStart: z.string(),
      periodEnd: z.string(),
      txId: z.string(),
    }),
  })
  .meta({ id: 'SampleVerification' });
export type SampleVerification = z.infer<typeof sampleVerificationSchema>;
