import { Object as DataType, Property } from 'fabric-contract-api';
import type { ConsentGrant as ConsentGrantData, ConsentScope } from './consent-grant';

// Schemas of the records in the contract metadata; the code works on the interfaces.

/** An SME's permission for one bank to read its data (or finance its receivables) until `expiresAt`. */
@DataType()
export class ConsentGrant implements ConsentGrantData {
  @Property('smeId', 'string')
  public smeId: string = '';

  @Property('bankId', 'string')
  public bankId: string = '';

  @Property('scopes', 'string[]')
  public scopes: ConsentScope[] = [];

  @Property('expiresAt', 'string')
  public expiresAt: string = '';

  @Property('grantedAt', 'string')
  public grantedAt: string = '';

  @Property('revokedAt', 'string')
  public revokedAt?: string;
}
