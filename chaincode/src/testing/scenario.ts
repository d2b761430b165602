import { ConsentContract } from '../consent/consent-contract';
import { ProductionContract } from '../production/production-contract';
import { RegistryContract } from '../registry/registry-contract';
import { FakeLedger } from './fake-ledger';
import { fakeIdentity, type FakeClientIdentity } from './fake-identity';

/** Contract instances, for unit tests. */
export const contracts = {
  registry: new RegistryContract(),
  production: new ProductionContract(),
  consent: new ConsentContract(),
};

/** A ledger with one SME (with a device and its gateway), one CORE buyer and one BANK, each registered by its own org. */
export interface Scenario {
  readonly ledger: FakeLedger;
  readonly sme: FakeClientIdentity;
  readonly core: FakeClientIdentity;
  readonly bank: FakeClientIdentity;
  readonly gateway: FakeClientIdentity;
  readonly ids: Readonly<{ sme: string; core: string; bank: string; device: string }>;
}

/** Registers `sme-1` (FactoryOrg, User1), `core-1` (CoreOrg), `bank-1` (BankOrg) and device `press-1` of `sme-1`. */
export async function newScenario(startIso = '2024-01-01T00:00:00.000Z'): Promise<Scenario> {
  const ledger = new FakeLedger(startIso);
  const sme = fakeIdentity('factory', 'User1');
  const core = fakeIdentity('core', 'User1');
  const bank = fakeIdentity('bank', 'User1');
  const gateway = fakeIdentity('factory', 'gateway-1');
  const ids = { sme: 'sme-1', core: 'core-1', bank: 'bank-1', device: 'press-1' };
  const { registry } = contracts;
  await ledger.submit(sme, (ctx) =>
    registry.RegisterEnterprise(
      ctx,
      JSON.stringify({ id: ids.sme, name: 'Factory', role: 'SME', mspId: 'FactoryOrgMSP' }),
    ),
  );
  await ledger.submit(core, (ctx) =>
    registry.RegisterEnterprise(
      ctx,
      JSON.stringify({ id: ids.core, name: 'Buyer', role: 'CORE', mspId: 'CoreOrgMSP' }),
    ),
  );
  await ledger.submit(bank, (ctx) =>
    registry.RegisterEnterprise(ctx, JSON.stringify({ id: ids.bank, name: 'Bank', role: 'BANK', mspId: 'BankOrgMSP' })),
  );
  await ledger.submit(sme, (ctx) =>
    registry.RegisterDevice(
      ctx,
      JSON.stringify({
        id: ids.device,
        enterpriseId: ids.sme,
        kind: 'press',
        description: 'stamping press',
        gatewayIdentity: gateway.getID(),
      }),
    ),
  );
  return { ledger, sme, core, bank, gateway, ids };
}
