import type { Context } from 'fabric-contract-api';
import { requireReadAccess } from '../access/consent-check';
import { consentKey } from '../consent/consent-grant';
import { requireConsentReader } from '../consent/consent-contract';
import { forbidden, invalidArgument } from '../errors';
import { parseTimestamp } from '../ledger/time';
import { productionKey } from '../production/production-record';
import { deviceKey } from '../registry/device';
import { enterpriseKey } from '../registry/enterprise';
import { reconciliationHistorySource } from '../reconciliation/reconciliation-history';
import { tradeHistorySources } from '../trade/trade-history';
import { parseId } from '../validation/fields';

/** The record types whose history `history:GetHistory` reads. */
export const HISTORY_RECORD_TYPES = [
  'enterprise',
  'device',
  'production',
  'consent',
  'contract',
  'delivery',
  'invoice',
  'receivable',
  'reconciliation',
] as const;
export type HistoryRecordType = (typeof HISTORY_RECORD_TYPES)[number];

/** How to find one record type's key from the caller's key parts, applying the record's own read rule. */
export interface HistorySource {
  /** Names of the key parts, in order (`["enterpriseId", "deviceId", "periodStart"]`). */
  readonly keyParts: readonly string[];
  /** Validates the parts (already counted), checks the caller may read the record, and returns its ledger key. */
  resolve(ctx: Context, parts: readonly string[]): Promise<string>;
}

function part(parts: readonly string[], i: number): string {
  return parts[i] ?? '';
}

/**
 * One entry per record type. Each module that owns a record type adds its source here, next to
 * its own read rule, so history never shows what the record's getter would refuse.
 */
export const historySources: Partial<Record<HistoryRecordType, HistorySource>> = {
  enterprise: {
    keyParts: ['id'],
    resolve: (ctx, parts) => Promise.resolve(enterpriseKey(ctx, parseId(part(parts, 0), 'keyParts[0]'))),
  },
  device: {
    keyParts: ['enterpriseId', 'deviceId'],
    resolve: async (ctx, parts) => {
      const enterpriseId = parseId(part(parts, 0), 'keyParts[0]');
      const deviceId = parseId(part(parts, 1), 'keyParts[1]');
      await requireReadAccess(ctx, enterpriseId, 'production');
      return deviceKey(ctx, enterpriseId, deviceId);
    },
  },
  production: {
    keyParts: ['enterpriseId', 'deviceId', 'periodStart'],
    resolve: async (ctx, parts) => {
      const enterpriseId = parseId(part(parts, 0), 'keyParts[0]');
      const deviceId = parseId(part(parts, 1), 'keyParts[1]');
      const periodStart = parseTimestamp(part(parts, 2), 'keyParts[2]');
      await requireReadAccess(ctx, enterpriseId, 'production');
      return productionKey(ctx, enterpriseId, deviceId, periodStart);
    },
  },
  consent: {
    keyParts: ['smeId', 'bankId'],
    resolve: async (ctx, parts) => {
      const smeId = parseId(part(parts, 0), 'keyParts[0]');
      const bankId = parseId(part(parts, 1), 'keyParts[1]');
      const onlyBank = await requireConsentReader(ctx, smeId);
      if (onlyBank !== undefined && onlyBank !== bankId) {
        throw forbidden(`bank ${onlyBank} may only read its own consent grants`);
      }
      return consentKey(ctx, smeId, bankId);
    },
  },
  ...tradeHistorySources,
  reconciliation: reconciliationHistorySource,
};

/** The source of a record type; `INVALID_ARGUMENT` for an unknown type. */
export function historySource(recordType: string): HistorySource {
  const source = (HISTORY_RECORD_TYPES as readonly string[]).includes(recordType)
    ? historySources[recordType as HistoryRecordType]
    : undefined;
  if (!source) {
    throw invalidArgument('recordType', `must be one of ${Object.keys(historySources).join(', ')}`);
  }
  return source;
}
