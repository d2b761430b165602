import * as path from 'node:path';
import pino from 'pino';
import { loadConfig } from '../../src/config/load-config';
import { start } from '../../src/main';
import { loadNetwork, type OrgName } from '../../../test/support/network';

describe('the committed sample configurations', () => {
  it.each([
    ['factory', 'FactoryOrgMSP', 'dev-factory-key'],
    ['core', 'CoreOrgMSP', 'dev-core-key'],
    ['bank', 'BankOrgMSP', 'dev-bank-key'],
  ])('%s.sample.yaml reaches its peer with the test network’s files', async (org, mspId, key) => {
    // The samples name the default peer ports; follow the network actually running.
    const config = loadConfig(path.join(__dirname, '..', '..', 'config', `${org}.sample.yaml`), {
      SCC_API_PORT: '0',
      SCC_API_PEER_ENDPOINT: loadNetwork().orgs[org as OrgName].peerEndpoint,
    });
    const api = await start(config, pino({ level: 'silent' }));
    try {
      expect(await (await fetch(`${api.url}/health`)).json()).toEqual({ status: 'ok', ledger: 'up' });
      const me = await fetch(`${api.url}/api/v1/me`, { headers: { Authorization: `Bearer ${key}` } });
      expect(me.status).toBe(200);
      const body = (await me.json()) as { data: { mspId: string; ledger: { mspId: string; identityId: string } } };
      expect(body.data.ledger.mspId).toBe(mspId);
      expect(body.data.ledger.identityId).toMatch(/^x509::/);
    } finally {
      await api.close();
    }
  });
});
