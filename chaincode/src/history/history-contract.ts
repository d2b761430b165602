import { Context, Info, Param, Returns, Transaction } from 'fabric-contract-api';
import { CodedContract } from '../coded-contract';
import { invalidArgument, notFound } from '../errors';
import { canonicalJson, readHistory } from '../ledger/store';
import { asArray, parseJson } from '../validation/fields';
import { historySource } from './history-sources';

/** Every version of a record, with the transaction that wrote it. */
@Info({ title: 'History', description: 'Versions of any record with transaction ids and times' })
export class HistoryContract extends CodedContract {
  constructor() {
    super('history');
  }

  /**
   * The versions of one record, oldest first: `[{txId, timestamp, isDelete, value}]`. Same read rule
   * as the record; `NOT_FOUND` when the key was never written.
   */
  @Transaction(false)
  @Param(
    'recordType',
    'string',
    'enterprise, device, production, consent, contract, delivery, invoice, receivable, reconciliation',
  )
  @Param('keyPartsJson', 'string', 'JSON array of the key parts, e.g. ["sme-1","press-1","2018-01-01T00:15:00.000Z"]')
  @Returns('string')
  public async GetHistory(ctx: Context, recordType: string, keyPartsJson: string): Promise<string> {
    const source = historySource(recordType);
    const raw = asArray(parseJson(keyPartsJson, 'keyPartsJson'), 'keyPartsJson');
    if (raw.length !== source.keyParts.length) {
      throw invalidArgument('keyPartsJson', `must hold ${source.keyParts.length} parts: ${source.keyParts.join(', ')}`);
    }
    const parts = raw.map((p, i) => {
      if (typeof p !== 'string') {
        throw invalidArgument(`keyPartsJson[${i}]`, 'must be a string');
      }
      return p;
    });
    const key = await source.resolve(ctx, parts);
    const history = await readHistory(ctx, key);
    if (history.length === 0) {
      throw notFound(recordType, parts.join('/'));
    }
    return canonicalJson(history);
  }
}
