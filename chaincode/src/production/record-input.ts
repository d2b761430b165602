import { invalidArgument } from '../errors';
import { toMillis } from '../ledger/time';
import { Fields } from '../validation/fields';
import type { ProductionInput } from './production-record';

/** Longest period a record may cover, in seconds. */
export const MAX_PERIOD_SECONDS = 86_400;

const FIELDS = [
  'enterpriseId',
  'deviceId',
  'periodStart',
  'periodEnd',
  'unitsProduced',
  'unitsRejected',
  'runSeconds',
  'idleSeconds',
  'downSeconds',
  'faultCount',
  'energyWh',
  'sampleCount',
  'samplesDigest',
] as const;

/** Validates one submitted production record (named `path` in messages) and canonicalises its times. */
export function parseProductionInput(value: unknown, path: string): ProductionInput {
  const f = new Fields(value, path, FIELDS);
  const enterpriseId = f.id('enterpriseId');
  const deviceId = f.id('deviceId');
  const periodStart = f.timestamp('periodStart');
  const periodEnd = f.timestamp('periodEnd');
  const periodSeconds = (toMillis(periodEnd) - toMillis(periodStart)) / 1000;
  if (periodSeconds <= 0) {
    throw invalidArgument(f.field('periodEnd'), 'must be after periodStart');
  }
  if (periodSeconds > MAX_PERIOD_SECONDS) {
    throw invalidArgument(f.field('periodEnd'), `must be at most ${MAX_PERIOD_SECONDS} seconds after periodStart`);
  }
  const runSeconds = f.integer('runSeconds');
  const idleSeconds = f.integer('idleSeconds');
  const downSeconds = f.integer('downSeconds');
  if (runSeconds + idleSeconds + downSeconds > periodSeconds) {
    throw invalidArgument(
      f.field('runSeconds'),
      `+ idleSeconds + downSeconds (${runSeconds + idleSeconds + downSeconds}) must not exceed the period (${periodSeconds} s)`,
    );
  }
  const input: ProductionInput = {
    enterpriseId,
    deviceId,
    periodStart,
    periodEnd,
    unitsProduced: f.integer('unitsProduced'),
    unitsRejected: f.integer('unitsRejected'),
    runSeconds,
    idleSeconds,
    downSeconds,
    faultCount: f.integer('faultCount'),
    sampleCount: f.integer('sampleCount'),
    samplesDigest: f.hex64('samplesDigest'),
  };
  const energyWh = f.optionalNumber('energyWh', { max: Number.MAX_SAFE_INTEGER });
  if (energyWh !== undefined) {
    input.energyWh = energyWh;
  }
  return input;
}
