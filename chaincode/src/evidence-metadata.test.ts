import { JSONSerializer } from 'fabric-contract-api';
import { ConsentContract } from './consent/consent-contract';
import { HistoryContract } from './history/history-contract';
import { ProductionContract } from './production/production-contract';
import { ProfileContract } from './profile/profile-contract';
import { RegistryContract } from './registry/registry-contract';
import './registry/registry-metadata';
import './production/production-metadata';
import './consent/consent-metadata';
import './profile/profile-metadata';

// fabric-shim builds (and validates) the contract metadata this way when the chaincode starts.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ChaincodeFromContract = require('fabric-shim/lib/contract-spi/chaincodefromcontract') as new (
  contracts: unknown[],
  serializers: unknown,
  metadata: unknown,
  title: string,
  version: string,
) => { metadata: Metadata };

interface Metadata {
  contracts: Record<string, { transactions: { name: string; tag: string[]; parameters?: { name: string }[] }[] }>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
}

const metadata = new ChaincodeFromContract(
  [RegistryContract, ProductionContract, HistoryContract, ConsentContract, ProfileContract],
  { serializers: { jsonSerializer: JSONSerializer }, transaction: 'jsonSerializer' },
  {},
  'scc',
  'test',
).metadata;

function signatures(contract: string): string[] {
  return (metadata.contracts[contract]?.transactions ?? []).map(
    (t) =>
      `${t.tag.includes('submitTx') ? 'submit' : 'evaluate'} ${t.name}(${(t.parameters ?? []).map((p) => p.name).join(', ')})`,
  );
}

describe('evidence contracts metadata', () => {
  it('describes every transaction of API.md with its arguments and kind', () => {
    expect(signatures('registry')).toEqual([
      'evaluate WhoAmI()',
      'submit RegisterEnterprise(enterpriseJson)',
      'evaluate GetEnterprise(id)',
      'evaluate ListEnterprises(pageSize, bookmark)',
      'submit BindIdentity(enterpriseId, identityId)',
      'submit RegisterDevice(deviceJson)',
      'evaluate GetDevice(enterpriseId, deviceId)',
      'evaluate ListDevices(enterpriseId, pageSize, bookmark)',
    ]);
    expect(signatures('production')).toEqual([
      'submit SubmitRecords(recordsJson)',
      'submit SubmitRecord(recordJson)',
      'evaluate GetRecord(enterpriseId, deviceId, periodStart)',
      'evaluate QueryByDevice(enterpriseId, deviceId, from, to, pageSize, bookmark)',
      'evaluate QueryByEnterprise(enterpriseId, from, to, pageSize, bookmark)',
      'evaluate GetDailySummaries(enterpriseId, fromDay, toDay)',
    ]);
    expect(signatures('history')).toEqual(['evaluate GetHistory(recordType, keyPartsJson)']);
    expect(signatures('consent')).toEqual([
      'submit GrantConsent(bankId, scopesJson, expiresAt)',
      'submit RevokeConsent(bankId)',
      'evaluate GetConsent(smeId, bankId)',
      'evaluate ListConsents(smeId)',
    ]);
    expect(signatures('profile')).toEqual(['evaluate GetCreditProfile(enterpriseId, windowDays, asOf)']);
  });

  it('describes the record types with every property', () => {
    const props = (name: string) => Object.keys(metadata.components.schemas[name]?.properties ?? {}).sort();
    expect(props('Enterprise')).toEqual(['id', 'mspId', 'name', 'registeredAt', 'registeredBy', 'role']);
    expect(props('IdentityBinding')).toEqual(['boundAt', 'boundBy', 'enterpriseId', 'identityId', 'mspId']);
    expect(props('Device')).toEqual(['description', 'enterpriseId', 'gatewayIdentity', 'id', 'kind', 'registeredAt']);
    expect(props('ConsentGrant')).toEqual(['bankId', 'expiresAt', 'grantedAt', 'revokedAt', 'scopes', 'smeId']);
    expect(props('ProductionRecord')).toEqual(
      [
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
        'recordedAt',
        'txId',
      ].sort(),
    );
    expect(props('DailySummary')).toContain('periodSeconds');
    expect(props('CreditProfile')).toEqual(['asOf', 'enterpriseId', 'factors', 'from', 'score', 'to', 'windowDays']);
  });
});
