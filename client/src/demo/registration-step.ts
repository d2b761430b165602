import { ApiError, type ApiClient } from './api-client';
import type { DemoSession } from './demo-session';
import { table } from './narrator';
import { commonName } from './network-info';

type Role = 'SME' | 'CORE' | 'BANK';

interface Me {
  readonly ledger: { identityId: string; mspId: string; enterpriseId?: string };
}

/** Registers the key's enterprise; an enterprise this identity already registered is kept. */
export async function registerEnterprise(
  client: ApiClient,
  enterprise: Readonly<{ id: string; name: string }>,
  role: Role,
): Promise<{ status: 'registered' | 'kept'; identityId: string; mspId: string }> {
  let status: 'registered' | 'kept' = 'registered';
  try {
    await client.post('/enterprises', { id: enterprise.id, name: enterprise.name, role });
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 409) throw err;
    status = 'kept';
  }
  const me = await client.get<Me>('/me');
  if (me.ledger.enterpriseId !== enterprise.id) {
    throw new Error(
      me.ledger.enterpriseId === undefined
        ? `enterprise ${enterprise.id} is registered on this ledger by another identity than ${commonName(me.ledger.identityId)}: choose other enterprise ids in the demo configuration`
        : `${commonName(me.ledger.identityId)} is bound to enterprise ${me.ledger.enterpriseId}, not ${enterprise.id}: give this role another identity in the demo configuration`,
    );
  }
  return { status, identityId: me.ledger.identityId, mspId: me.ledger.mspId };
}

/**
 * Step 3: each party registers its own enterprise through its own organisation's API: the SME,
 * the second supplier (another SME of FactoryOrg), the buyer and the bank. On a ledger kept from an
 * earlier run the enterprises are found registered by the same identities and kept.
 */
export async function registrationStep(session: DemoSession): Promise<void> {
  const { config, narrator } = session;
  const api = session.api;
  const e = config.enterprises;
  const step = narrator.step('Enterprises registered by their own organisations', 'registry');
  const parties: [ApiClient, { id: string; name: string }, Role][] = [
    [api.factory, e.factory, 'SME'],
    [api.supplier, e.supplier, 'SME'],
    [api.buyer, e.buyer, 'CORE'],
    [api.bank, e.bank, 'BANK'],
  ];
  const rows: string[][] = [['enterprise', 'role', 'MSP', 'registered by', '']];
  for (const [client, enterprise, role] of parties) {
    const r = await registerEnterprise(client, enterprise, role);
    rows.push([
      `${enterprise.id} (${enterprise.name})`,
      role,
      r.mspId,
      commonName(r.identityId),
      r.status === 'registered' ? 'registered now' : 'already registered (kept from an earlier run)',
    ]);
  }
  for (const line of table(rows)) step.line(line);
  session.story.enterprises = { factory: e.factory.id, supplier: e.supplier.id, buyer: e.buyer.id, bank: e.bank.id };
  session.save();
  step.proved(
    "every enterprise was registered by an identity of its own organisation (the chaincode checks the caller's MSP) and that identity is now bound to it",
  );
}
