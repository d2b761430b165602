import { Object as DataType, Property } from 'fabric-contract-api';
import type { Enterprise as EnterpriseData, EnterpriseRole } from './enterprise';
import type { IdentityBinding as IdentityBindingData } from './identity-binding';
import type { Device as DeviceData } from './device';

// Schemas of the records in the contract metadata; the code works on the interfaces.

/** A registered organisation: a small factory (SME), a buyer (CORE) or a financier (BANK). */
@DataType()
export class Enterprise implements EnterpriseData {
  @Property('id', 'string')
  public id: string = '';

  @Property('name', 'string')
  public name: string = '';

  @Property('role', 'string')
  public role: EnterpriseRole = 'SME';

  @Property('mspId', 'string')
  public mspId: string = '';

  @Property('registeredAt', 'string')
  public registeredAt: string = '';

  @Property('registeredBy', 'string')
  public registeredBy: string = '';
}

/** A client identity (X.509 subject + issuer) bound to the one enterprise it acts for. */
@DataType()
export class IdentityBinding implements IdentityBindingData {
  @Property('identityId', 'string')
  public identityId: string = '';

  @Property('enterpriseId', 'string')
  public enterpriseId: string = '';

  @Property('mspId', 'string')
  public mspId: string = '';

  @Property('boundAt', 'string')
  public boundAt: string = '';

  @Property('boundBy', 'string')
  public boundBy: string = '';
}

/** A machine of an enterprise whose production records one gateway identity writes. */
@DataType()
export class Device implements DeviceData {
  @Property('id', 'string')
  public id: string = '';

  @Property('enterpriseId', 'string')
  public enterpriseId: string = '';

  @Property('kind', 'string')
  public kind: string = '';

  @Property('description', 'string')
  public description: string = '';

  @Property('gatewayIdentity', 'string')
  public gatewayIdentity: string = '';

  @Property('registeredAt', 'string')
  public registeredAt: string = '';
}
