import { Object as DataType, Property } from 'fabric-contract-api';

/** One scored factor of a credit profile (see chaincode/README.md for the formula). */
@DataType()
export class CreditFactor {
  @Property('name', 'string')
  public name: string = '';

  @Property('value', 'number')
  public value: number = 0;

  @Property('normalized', 'number')
  public normalized: number = 0;

  @Property('weight', 'number')
  public weight: number = 0;

  @Property('contribution', 'number')
  public contribution: number = 0;
}

/** A deterministic, explainable credit profile of an enterprise over a window of whole days. */
@DataType()
export class CreditProfile {
  @Property('enterpriseId', 'string')
  public enterpriseId: string = '';

  @Property('windowDays', 'number')
  public windowDays: number = 0;

  @Property('asOf', 'string')
  public asOf: string = '';

  @Property('from', 'string')
  public from: string = '';

  @Property('to', 'string')
  public to: string = '';

  @Property('score', 'number')
  public score: number = 0;

  @Property('factors', 'CreditFactor[]')
  public factors: CreditFactor[] = [];
}
