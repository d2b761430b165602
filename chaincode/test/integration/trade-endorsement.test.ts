import { peer } from '@hyperledger/fabric-protos';
import { evaluate, submitWith, tradeUntil, useTradeParties } from './trade-parties';

interface Contract {
  status: string;
  cancelRequestedBy?: string;
}

const { ENDORSEMENT_POLICY_FAILURE, VALID } = peer.TxValidationCode;

describe('the key-level endorsement policy of a confirmed contract', () => {
  const setUp = useTradeParties();

  it('rejects at commit a change endorsed without the buyer org, though the chaincode majority is met', async () => {
    const parties = setUp();
    const { sme, buyer, bank } = parties;
    const { poId } = await tradeUntil(parties, 'confirmed');

    // FactoryOrg + BankOrg is a majority of the three orgs, but the contract key needs CoreOrg too.
    const withoutBuyer = await submitWith(sme.conn, 'trade:CancelContract', {
      arguments: [poId, 'asked without the buyer'],
      endorsingOrganizations: [sme.mspId, bank.mspId],
    });
    expect(withoutBuyer.successful).toBe(false);
    expect(withoutBuyer.code).toBe(ENDORSEMENT_POLICY_FAILURE);
    const unchanged = await evaluate<Contract>(buyer.conn, 'trade:GetContract', poId);
    expect(unchanged.status).toBe('CONFIRMED');
    expect(unchanged.cancelRequestedBy).toBeUndefined();

    // The same change endorsed by both parties' orgs commits.
    const withBoth = await submitWith(sme.conn, 'trade:CancelContract', {
      arguments: [poId, 'asked with both parties'],
      endorsingOrganizations: [sme.mspId, buyer.mspId],
    });
    expect(withBoth.code).toBe(VALID);
    const requested = await evaluate<Contract>(buyer.conn, 'trade:GetContract', poId);
    expect(requested.cancelRequestedBy).toBe(sme.identityId);
  });

  it('needs the seller org for the buyer changes too; without explicit orgs the gateway asks both', async () => {
    const parties = setUp();
    const { sme, buyer, bank } = parties;
    const { poId } = await tradeUntil(parties, 'confirmed');
    const withoutSeller = await submitWith(buyer.conn, 'trade:CancelContract', {
      arguments: [poId, 'the buyer asks'],
      endorsingOrganizations: [buyer.mspId, bank.mspId],
    });
    expect(withoutSeller.code).toBe(ENDORSEMENT_POLICY_FAILURE);
    const planned = await submitWith(buyer.conn, 'trade:CancelContract', { arguments: [poId, 'the buyer asks'] });
    expect(planned.code).toBe(VALID);
    expect((await evaluate<Contract>(sme.conn, 'trade:GetContract', poId)).cancelRequestedBy).toBe(buyer.identityId);
  });

  it('does not apply before confirmation: a proposed contract changes with any chaincode majority', async () => {
    const parties = setUp();
    const { sme, bank } = parties;
    const { poId } = await tradeUntil(parties, 'proposed');
    const majority = await submitWith(sme.conn, 'trade:CancelContract', {
      arguments: [poId, 'withdrawn before confirmation'],
      endorsingOrganizations: [sme.mspId, bank.mspId],
    });
    expect(majority.code).toBe(VALID);
  });
});
