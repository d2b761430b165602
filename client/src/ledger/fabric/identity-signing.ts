import * as crypto from 'node:crypto';
import { hash, signers, type Hash, type Signer } from '@hyperledger/fabric-gateway';

/** How a Gateway signs for one identity: the hash applied to each message and the signer of its result. */
export type IdentitySigning = Readonly<{ hash: Hash; signer: Signer }>;

/** Group orders of the NIST curves Fabric identities use. */
const CURVE_ORDERS: Readonly<Record<string, bigint>> = {
  'P-256': 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
  'P-384': 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
};

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
}

/** A positive DER INTEGER: minimal big-endian bytes, with a zero byte when the top bit is set. */
function derInteger(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if ((bytes[0] ?? 0) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return Buffer.concat([Buffer.from([0x02, bytes.length]), bytes]);
}

/**
 * An ECDSA signature `r || s` (IEEE P1363) as the DER sequence Fabric verifies, with `s` in the lower
 * half of the group order (Fabric refuses high-S signatures).
 */
export function lowSDerSignature(p1363: Uint8Array, order: bigint): Buffer {
  const half = p1363.length / 2;
  const r = toBigInt(p1363.subarray(0, half));
  let s = toBigInt(p1363.subarray(half));
  if (s > order >> 1n) s = order - s;
  const body = Buffer.concat([derInteger(r), derInteger(s)]);
  return Buffer.concat([Buffer.from([0x30, body.length]), body]);
}

/**
 * Signing for a Gateway with this private key. P-256 and P-384 keys sign SHA-256 digests with
 * Node's native ECDSA (OpenSSL) and low-S normalisation, the signatures Fabric expects, at a
 * fraction of the CPU of the Gateway's pure JavaScript signer; other keys use the Gateway's own.
 */
export function newIdentitySigning(key: crypto.KeyObject): IdentitySigning {
  const curve = key.asymmetricKeyType === 'ec' ? key.asymmetricKeyDetails?.namedCurve : undefined;
  const order =
    curve === 'prime256v1' ? CURVE_ORDERS['P-256'] : curve === 'secp384r1' ? CURVE_ORDERS['P-384'] : undefined;
  if (key.type !== 'private' || order === undefined) {
    return { hash: hash.sha256, signer: signers.newPrivateKeySigner(key) };
  }
  return {
    // The signer hashes the whole message itself, so the Gateway passes it on unhashed.
    hash: hash.none,
    signer: (message) =>
      Promise.resolve(lowSDerSignature(crypto.sign('sha256', message, { key, dsaEncoding: 'ieee-p1363' }), order)),
  };
}
