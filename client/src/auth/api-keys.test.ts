import { hashApiKey, newApiKeyRegistry } from './api-keys';

describe('API keys', () => {
  const entries = [
    { name: 'desk', sha256: hashApiKey('key-one'), identity: 'bank-user', mspId: 'BankOrgMSP', enterpriseId: 'bank-1' },
    {
      name: 'risk',
      sha256: hashApiKey('key-two'),
      identity: 'bank-user2',
      mspId: 'BankOrgMSP',
      enterpriseId: 'bank-1',
    },
  ];

  it('hashes keys as lowercase hex sha256', () => {
    expect(hashApiKey('dev-bank-key')).toBe('ecf9c3bbffc5a223b8d4cb00a7ad0855cfccc4e68e976a31aa21fd188243a2de');
  });

  it('resolves each key to its own caller', () => {
    const registry = newApiKeyRegistry(entries);
    expect(registry.authenticate('key-one')).toEqual({
      keyName: 'desk',
      identity: 'bank-user',
      mspId: 'BankOrgMSP',
      enterpriseId: 'bank-1',
    });
    expect(registry.authenticate('key-two')?.keyName).toBe('risk');
  });

  it.each(['', 'key-on', 'key-one ', 'KEY-ONE', hashApiKey('key-one')])('refuses %j', (key) => {
    expect(newApiKeyRegistry(entries).authenticate(key)).toBeUndefined();
  });

  it('refuses a configured hash that is not sha256 hex', () => {
    expect(() => newApiKeyRegistry([{ ...entries[0]!, sha256: 'not-a-hash' }])).toThrow('sha256');
  });
});
