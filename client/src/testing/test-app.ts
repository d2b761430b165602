import type { Express } from 'express';
import pino from 'pino';
import { hashApiKey, newApiKeyRegistry } from '../auth/api-keys';
import { createServer } from '../http/server';
import { FakeLedgerDirectory } from '../ledger/fake/fake-ledger';
import { agentSamplesDigest } from '../services/agent-samples-digest';
import { newServices } from '../services/services';

/** API keys of the test app: a factory (SME), a buyer (CORE) and a bank, each with its own identity. */
export const testKeys = {
  sme: { key: 'sme-test-key-0123456789', identity: 'factory-user', enterpriseId: 'sme-1', mspId: 'FactoryOrgMSP' },
  buyer: { key: 'buyer-test-key-0123456789', identity: 'core-user', enterpriseId: 'buyer-1', mspId: 'CoreOrgMSP' },
  bank: { key: 'bank-test-key-0123456789', identity: 'bank-user', enterpriseId: 'bank-1', mspId: 'BankOrgMSP' },
} as const;

/** The `Authorization` header of a test key. */
export function bearer(who: keyof typeof testKeys): string {
  return `Bearer ${testKeys[who].key}`;
}

/** The moment the test app's clock shows. */
export const TEST_NOW = new Date('2024-06-30T12:00:00.000Z');

/** A test app over the fake ledger, with its ledger to program and inspect. */
export interface TestApp {
  readonly app: Express;
  readonly ledger: FakeLedgerDirectory;
}

/** Builds the real HTTP server over a fake ledger, for component tests with supertest. */
export function newTestApp(options: Readonly<{ ledgerUp?: boolean; bodyLimit?: string }> = {}): TestApp {
  const ledger = new FakeLedgerDirectory(Object.values(testKeys).map((k) => k.identity));
  const apiKeys = newApiKeyRegistry(
    Object.entries(testKeys).map(([name, k]) => ({
      name,
      sha256: hashApiKey(k.key),
      identity: k.identity,
      mspId: k.mspId,
      enterpriseId: k.enterpriseId,
    })),
  );
  const app = createServer({
    services: newServices(ledger, { samplesDigest: agentSamplesDigest, now: () => TEST_NOW }),
    apiKeys,
    logger: pino({ level: 'silent' }),
    ledgerProbe: () => Promise.resolve(options.ledgerUp ?? true),
    options: { retryAfterSeconds: 7, ...(options.bodyLimit === undefined ? {} : { bodyLimit: options.bodyLimit }) },
  });
  return { app, ledger };
}

/** A JSON object in a response. */
export type Json = Record<string, unknown>;

/** One field named by a 400. */
export interface FieldJson {
  readonly field: string;
  readonly in: string;
  readonly message: string;
}

/** The `error` of an error response. */
export interface ApiErrorJson {
  readonly code: string;
  readonly message: string;
  readonly details: Json & { fields?: FieldJson[] };
  readonly requestId?: string;
}

interface HasBody {
  readonly body: unknown;
}

/** The JSON body of a response. */
export function bodyOf(res: HasBody): Json {
  return res.body as Json;
}

/** The `data` of a response holding one object. */
export function dataOf(res: HasBody): Json {
  return (res.body as { data: Json }).data;
}

/** The `data` of a response holding a list. */
export function listOf(res: HasBody): Json[] {
  return (res.body as { data: Json[] }).data;
}

/** The `error` of an error response. */
export function errorOf(res: HasBody): ApiErrorJson {
  return (res.body as { error: ApiErrorJson }).error;
}

/** The fields a 400 names, in order. */
export function fieldsOf(res: HasBody): FieldJson[] {
  return errorOf(res).details.fields ?? [];
}
