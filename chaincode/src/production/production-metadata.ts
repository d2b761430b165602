import { Object as DataType, Property } from 'fabric-contract-api';
import type { ProductionRecord as ProductionRecordData } from './production-record';
import type { DailySummary as DailySummaryData } from './daily-summary';

// Schemas of the records in the contract metadata; the code works on the interfaces.

/** One period of one device's output, as stored: the submitted figures plus when and in which transaction. */
@DataType()
export class ProductionRecord implements ProductionRecordData {
  @Property('enterpriseId', 'string')
  public enterpriseId: string = '';

  @Property('deviceId', 'string')
  public deviceId: string = '';

  @Property('periodStart', 'string')
  public periodStart: string = '';

  @Property('periodEnd', 'string')
  public periodEnd: string = '';

  @Property('unitsProduced', 'number')
  public unitsProduced: number = 0;

  @Property('unitsRejected', 'number')
  public unitsRejected: number = 0;

  @Property('runSeconds', 'number')
  public runSeconds: number = 0;

  @Property('idleSeconds', 'number')
  public idleSeconds: number = 0;

  @Property('downSeconds', 'number')
  public downSeconds: number = 0;

  @Property('faultCount', 'number')
  public faultCount: number = 0;

  @Property('energyWh', 'number')
  public energyWh?: number;

  @Property('sampleCount', 'number')
  public sampleCount: number = 0;

  @Property('samplesDigest', 'string')
  public samplesDigest: string = '';

  @Property('recordedAt', 'string')
  public recordedAt: string = '';

  @Property('txId', 'string')
  public txId: string = '';
}

/**
 * The sums of one device's records whose period starts on one UTC day. Written in the same
 * transaction as the records, one key per (enterprise, day, device): batches for different devices
 * never write the same key, and a profile reads one key per device-day whatever the period length.
 */
@DataType()
export class DailySummary implements DailySummaryData {
  @Property('enterpriseId', 'string')
  public enterpriseId: string = '';

  @Property('day', 'string')
  public day: string = '';

  @Property('deviceId', 'string')
  public deviceId: string = '';

  @Property('records', 'number')
  public records: number = 0;

  @Property('periodSeconds', 'number')
  public periodSeconds: number = 0;

  @Property('unitsProduced', 'number')
  public unitsProduced: number = 0;

  @Property('unitsRejected', 'number')
  public unitsRejected: number = 0;

  @Property('runSeconds', 'number')
  public runSeconds: number = 0;

  @Property('idleSeconds', 'number')
  public idleSeconds: number = 0;

  @Property('downSeconds', 'number')
  public downSeconds: number = 0;

  @Property('faultCount', 'number')
  public faultCount: number = 0;

  @Property('energyWh', 'number')
  public energyWh: number = 0;

  @Property('energyRecords', 'number')
  public energyRecords: number = 0;

  @Property('sampleCount', 'number')
  public sampleCount: number = 0;

  @Property('firstPeriodStart', 'string')
  public firstPeriodStart: string = '';

  @Property('lastPeriodEnd', 'string')
  public lastPeriodEnd: string = '';
}
