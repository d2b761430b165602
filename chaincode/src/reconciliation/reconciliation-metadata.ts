import { Object as DataType, Property } from 'fabric-contract-api';
import type {
  LineValues as LineValuesData,
  Period as PeriodData,
  Reconciliation as ReconciliationData,
  ReconciliationResult as ReconciliationResultData,
  ResultLine as ResultLineData,
  StatementLine as StatementLineData,
} from './reconciliation';

// Schemas of the reconciliation records in the contract metadata; the code works on the interfaces.

/** A quantity and/or an amount. */
@DataType()
export class LineValues implements LineValuesData {
  @Property('qty', 'number')
  public qty?: number;

  @Property('amount', 'number')
  public amount?: number;
}

/** One line of a party's statement. */
@DataType()
export class StatementLine implements StatementLineData {
  @Property('ref', 'string')
  public ref: string = '';

  @Property('kind', 'string')
  public kind: StatementLineData['kind'] = 'DELIVERY';

  @Property('qty', 'number')
  public qty?: number;

  @Property('amount', 'number')
  public amount?: number;
}

/** One line of a reconciliation result. */
@DataType()
export class ResultLine implements ResultLineData {
  @Property('ref', 'string')
  public ref: string = '';

  @Property('kind', 'string')
  public kind: ResultLineData['kind'] = 'DELIVERY';

  @Property('status', 'string')
  public status: ResultLineData['status'] = 'MATCHED';

  @Property('values', 'Map<string, LineValues>')
  public values: Record<string, LineValuesData | null> = {};

  @Property('onChain', 'LineValues')
  public onChain: LineValuesData | null = null;

  @Property('missingFrom', 'string[]')
  public missingFrom: string[] = [];

  @Property('reason', 'string')
  public reason?: string;
}

/** The outcome of matching. */
@DataType()
export class ReconciliationResult implements ReconciliationResultData {
  @Property('matched', 'number')
  public matched: number = 0;

  @Property('mismatched', 'number')
  public mismatched: number = 0;

  @Property('missing', 'number')
  public missing: number = 0;

  @Property('lines', 'ResultLine[]')
  public lines: ResultLineData[] = [];
}

/** `[from, to)`. */
@DataType()
export class ReconciliationPeriod implements PeriodData {
  @Property('from', 'string')
  public from: string = '';

  @Property('to', 'string')
  public to: string = '';
}

/** Statements of the parties of a period, matched against each other and the ledger. */
@DataType()
export class Reconciliation implements ReconciliationData {
  @Property('id', 'string')
  public id: string = '';

  @Property('period', 'ReconciliationPeriod')
  public period: PeriodData = { from: '', to: '' };

  @Property('parties', 'string[]')
  public parties: string[] = [];

  @Property('openedBy', 'string')
  public openedBy: string = '';

  @Property('openedAt', 'string')
  public openedAt: string = '';

  @Property('submitted', 'string[]')
  public submitted: string[] = [];

  @Property('statements', 'Map<string, StatementLine[]>')
  public statements: Record<string, StatementLineData[]> = {};

  @Property('status', 'string')
  public status: ReconciliationData['status'] = 'OPEN';

  @Property('completedAt', 'string')
  public completedAt?: string;

  @Property('result', 'ReconciliationResult')
  public result?: ReconciliationResultData;
}
