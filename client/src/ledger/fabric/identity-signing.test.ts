import * as crypto from 'node:crypto';
import { hash } from '@hyperledger/fabric-gateway';
import { lowSDerSignature, newIdentitySigning } from './identity-signing';

const ORDERS = {
  'P-256': 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  'P-384': 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
} as const;

/** r and s of a DER ECDSA signature, checking its structure on the way. */
function parseDer(der: Uint8Array): { r: bigint; s: bigint } {
  const b = Buffer.from(der);
  expect(b[0]).toBe(0x30);
  expect(b[1]).toBe(b.length - 2);
  const ints: bigint[] = [];
  let i = 2;
  while (i < b.length) {
    expect(b[i]).toBe(0x02);
    const len = b[i + 1] ?? 0;
    const bytes = b.subarray(i + 2, i + 2 + len);
    expect((bytes[0] ?? 0) & 0x80).toBe(0);
    if (bytes.length > 1) expect(bytes[0] === 0 && ((bytes[1] ?? 0) & 0x80) === 0).toBe(false);
    ints.push(BigInt(`0x${bytes.toString('hex')}`));
    i += 2 + len;
  }
  expect(ints).toHaveLength(2);
  return { r: ints[0] ?? 0n, s: ints[1] ?? 0n };
}

describe('newIdentitySigning', () => {
  it.each(['P-256', 'P-384'] as const)(
    'signs %s messages whole, with DER signatures that verify and always have a low S',
    async (curve) => {
      const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: curve });
      const signing = newIdentitySigning(privateKey);
      expect(signing.hash).toBe(hash.none);
      for (let n = 0; n < 64; n++) {
        const message = crypto.randomBytes(200 + n);
        const signature = await signing.signer(signing.hash(message));
        expect(crypto.verify('sha256', message, publicKey, signature)).toBe(true);
        const { s } = parseDer(signature);
        expect(s <= ORDERS[curve] >> 1n).toBe(true);
      }
    },
  );

  it('leaves keys it does not sign natively to the Gateway signer with its SHA-256 hash', () => {
    const { privateKey } = crypto.generateKeyPairSync('ed25519');
    expect(newIdentitySigning(privateKey).hash).toBe(hash.sha256);
  });
});

describe('lowSDerSignature', () => {
  it('replaces a high S by its complement, which still verifies', () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const order = ORDERS['P-256'];
    const message = Buffer.from('proposal');
    const p1363 = crypto.sign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    const s = BigInt(`0x${p1363.subarray(32).toString('hex')}`);
    const high = s > order >> 1n ? s : order - s;
    const highP1363 = Buffer.concat([p1363.subarray(0, 32), Buffer.from(high.toString(16).padStart(64, '0'), 'hex')]);
    expect(crypto.verify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, highP1363)).toBe(true);

    const der = lowSDerSignature(highP1363, order);
    expect(parseDer(der).s).toBe(order - high);
    expect(crypto.verify('sha256', message, publicKey, der)).toBe(true);
  });

  it('encodes small and high-bit integers minimally', () => {
    const p1363 = Buffer.alloc(64);
    p1363[31] = 0x01;
    p1363[32] = 0x80;
    const der = lowSDerSignature(p1363, ORDERS['P-256'] * 4n);
    expect(der.toString('hex')).toBe(`3026020101022100${'80'.padEnd(64, '0')}`);
  });
});
