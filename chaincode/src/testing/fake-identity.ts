import type { ClientIdentity } from 'fabric-shim';

/** Options of a fake client identity: its MSP ID, subject DN and issuer DN. */
export type FakeIdentityOptions = Readonly<{
  mspId: string;
  subject: string;
  issuer: string;
  attributes?: Readonly<Record<string, string>>;
}>;

/** A client identity with the ID format fabric-shim produces: `x509::<subject DN>::<issuer DN>` (`/C=US/.../CN=...`). */
export class FakeClientIdentity implements ClientIdentity {
  public readonly mspId: string;
  public readonly subject: string;
  public readonly issuer: string;
  private readonly attributes: Readonly<Record<string, string>>;

  constructor(options: FakeIdentityOptions) {
    this.mspId = options.mspId;
    this.subject = options.subject;
    this.issuer = options.issuer;
    this.attributes = options.attributes ?? {};
  }

  public getID(): string {
    return `x509::${this.subject}::${this.issuer}`;
  }

  public getMSPID(): string {
    return this.mspId;
  }

  public getIDBytes(): Uint8Array {
    return new TextEncoder().encode(`-----BEGIN CERTIFICATE-----\n${this.getID()}\n-----END CERTIFICATE-----\n`);
  }

  public getAttributeValue(attrName: string): string | null {
    return this.attributes[attrName] ?? null;
  }

  public assertAttributeValue(attrName: string, attrValue: string): boolean {
    return this.attributes[attrName] === attrValue;
  }
}

/** The three organisations of the test network, with their CA issuer names. */
export const FAKE_ORGS = {
  factory: { mspId: 'FactoryOrgMSP', domain: 'factory.scc.example' },
  core: { mspId: 'CoreOrgMSP', domain: 'core.scc.example' },
  bank: { mspId: 'BankOrgMSP', domain: 'bank.scc.example' },
} as const;

export type FakeOrg = keyof typeof FAKE_ORGS;

/** A fake identity issued by an organisation's CA, named like the network's users (`User1`, `gateway-7`). */
export function fakeIdentity(org: FakeOrg, name: string): FakeClientIdentity {
  const { mspId, domain } = FAKE_ORGS[org];
  return new FakeClientIdentity({
    mspId,
    subject: `/C=US/ST=California/L=San Francisco/OU=client/CN=${name}@${domain}`,
    issuer: `/C=US/ST=California/L=San Francisco/O=${domain}/CN=ca.${domain}`,
  });
}
