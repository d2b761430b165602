import { common } from '@hyperledger/fabric-protos';
import { connect, loadNetwork, orgNames, parseResult, userIdentity, type Connection } from '../support/fabric';

interface PingResult {
  channel: string;
  mspId: string;
  txId: string;
  txTimestamp: string;
}

describe('the Fabric network', () => {
  const net = loadNetwork();
  const connections = new Map<string, Connection>();

  beforeAll(() => {
    for (const org of orgNames) connections.set(org, connect(org, userIdentity(org, 'User1')));
  });

  afterAll(() => {
    for (const c of connections.values()) c.close();
  });

  it.each(orgNames)('commits a transaction submitted by a %s user with status VALID', async (org) => {
    const { contract } = connections.get(org)!;
    const commit = await contract.submitAsync('system:PingWrite');
    const result = parseResult<PingResult>(commit.getResult());
    const status = await commit.getStatus();

    expect(status.successful).toBe(true);
    expect(status.code).toBe(0); // TxValidationCode.VALID
    expect(status.transactionId).toBe(commit.getTransactionId());
    expect(result.mspId).toBe(net.orgs[org].mspId);
    expect(result.channel).toBe(net.channel);
    expect(result.txId).toBe(commit.getTransactionId());
  });

  it.each(orgNames)('evaluates on the %s peer with the caller and transaction time', async (org) => {
    const { contract } = connections.get(org)!;
    const before = Date.now();
    const result = parseResult<PingResult>(await contract.evaluateTransaction('system:Ping'));

    expect(result.mspId).toBe(net.orgs[org].mspId);
    expect(result.channel).toBe(net.channel);
    expect(result.txTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Math.abs(Date.parse(result.txTimestamp) - before)).toBeLessThan(5 * 60_000);
  });

  it('keeps every peer at the same block height after commits', async () => {
    const heightOf = async (org: (typeof orgNames)[number]): Promise<number> => {
      const qscc = connections.get(org)!.network.getContract('qscc');
      const bytes = await qscc.evaluateTransaction('GetChainInfo', net.channel);
      return common.BlockchainInfo.deserializeBinary(bytes).getHeight();
    };
    await connections.get('factory')!.contract.submitTransaction('system:PingWrite');
    let heights: number[] = [];
    for (let attempt = 0; attempt < 20; attempt++) {
      heights = await Promise.all(orgNames.map(heightOf));
      if (new Set(heights).size === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(new Set(heights).size).toBe(1);
    expect(heights[0]).toBeGreaterThan(1);
  });
});
