import { identifierSchema, isoTimeSchema } from '../domain/common';
import type { RecordType } from '../domain/history';

/** Separates the parts of a composite record key in URLs: `acme~press-1~2018-01-01T00:00:00.000Z`. */
export const KEY_PART_SEPARATOR = '~';

const PART_NAMES: Readonly<Record<RecordType, readonly string[]>> = {
  enterprise: ['id'],
  device: ['enterpriseId', 'deviceId'],
  production: ['enterpriseId', 'deviceId', 'periodStart'],
  consent: ['smeId', 'bankId'],
  contract: ['id'],
  delivery: ['id'],
  invoice: ['id'],
  receivable: ['id'],
  reconciliation: ['id'],
};

/** The ledger key parts of a record named in a URL, or why the id does not name one. */
export function recordKeyParts(
  recordType: RecordType,
  id: string,
): { ok: true; keyParts: string[] } | { ok: false; message: string } {
  const names = PART_NAMES[recordType];
  const parts = id.split(KEY_PART_SEPARATOR);
  if (parts.length !== names.length) {
    return {
      ok: false,
      message: `${/^[aeiou]/.test(recordType) ? 'an' : 'a'} ${recordType} is named by ${names.join(KEY_PART_SEPARATOR)} (${names.length} part${names.length > 1 ? 's' : ''} joined by ${KEY_PART_SEPARATOR})`,
    };
  }
  const keyParts: string[] = [];
  for (const [i, part] of parts.entries()) {
    const name = names[i] ?? 'id';
    const parsed = name === 'periodStart' ? isoTimeSchema.safeParse(part) : identifierSchema.safeParse(part);
    if (!parsed.success) return { ok: false, message: `${name} ${parsed.error.issues[0]?.message ?? 'is invalid'}` };
    keyParts.push(parsed.data);
  }
  return { ok: true, keyParts };
}
