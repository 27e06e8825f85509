import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';

/**
 * Signing keys for verifiable credentials (issue #20, decision 030): one Ed25519 key pair per
 * organisation, signing VC-JWTs with EdDSA. The private key never leaves this module in clear: it is
 * stored as AES-256-GCM ciphertext under the deployment key (CREDENTIALS_KEY), bound to its `kid`
 * as additional authenticated data so a ciphertext cannot be swapped onto another key row.
 */

const ALG = 'EdDSA';
const VERSION = 'v1';

/** A generated key: the public JWK (to publish) and the encrypted private key (to store). */
export interface StoredKey {
  kid: string;
  publicJwk: JWK;
  /** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
  encryptedPrivateKey: string;
}

/** Parse the deployment key: 32 bytes as base64/base64url (44/43 chars) or 64 hex characters. */
export function parseDeploymentKey(text: string): Buffer | null {
  const t = text.trim();
  const buf = /^[0-9a-fA-F]{64}$/.test(t)
    ? Buffer.from(t, 'hex')
    : /^[A-Za-z0-9+/_-]{43}={0,1}$/.test(t)
      ? Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64')
      : null;
  return buf && buf.length === 32 ? buf : null;
}

export function encryptPrivateKey(deploymentKey: Buffer, kid: string, privateJwk: JWK): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', deploymentKey, iv);
  cipher.setAAD(Buffer.from(kid, 'utf8'));
  const ct = Buffer.concat([cipher.update(JSON.stringify(privateJwk), 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join('.');
}

/** Throws when the ciphertext was altered, bound to another kid, or made under another deployment key. */
export function decryptPrivateKey(deploymentKey: Buffer, kid: string, stored: string): JWK {
  const [version, iv, tag, ct] = stored.split('.');
  if (version !== VERSION || !iv || !tag || !ct) throw new Error('unreadable credential key');
  const decipher = createDecipheriv('aes-256-gcm', deploymentKey, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(kid, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const clear = Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]);
  return JSON.parse(clear.toString('utf8')) as JWK;
}

/** A fresh Ed25519 key pair; `kid` is the RFC 7638 thumbprint of the public key. */
export async function generateOrgKey(deploymentKey: Buffer): Promise<StoredKey> {
  const { publicKey, privateKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
  const pub = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(pub);
  const publicJwk: JWK = { ...pub, kid, alg: ALG, use: 'sig' };
  const priv = await exportJWK(privateKey);
  return { kid, publicJwk, encryptedPrivateKey: encryptPrivateKey(deploymentKey, kid, priv) };
}

/** The JWKS published on the issuer profile: every key still published (current and rotated). */
export function jwks(publicKeys: JWK[]): JSONWebKeySet {
  return { keys: publicKeys.map((k) => ({ ...k })) };
}

/** Sign a VC-JWT (`typ: vc+jwt`); the claims are the credential itself (VC-JOSE-COSE). */
export async function signCredentialJwt(
  deploymentKey: Buffer,
  key: Pick<StoredKey, 'kid' | 'encryptedPrivateKey'>,
  credential: JWTPayload,
): Promise<string> {
  const priv = await importJWK(decryptPrivateKey(deploymentKey, key.kid, key.encryptedPrivateKey), ALG);
  return new SignJWT(credential).setProtectedHeader({ alg: ALG, kid: key.kid, typ: 'vc+jwt', cty: 'vc' }).sign(priv);
}

export type JwtCheck = 'valid' | 'tampered' | 'unknown-key';

/** Check a VC-JWT against a published key set: valid, tampered (bad signature/format) or unknown kid. */
export async function checkCredentialJwt(
  jwt: string,
  keySet: JSONWebKeySet,
): Promise<{ status: JwtCheck; payload?: JWTPayload }> {
  try {
    const { payload } = await jwtVerify(jwt, createLocalJWKSet(keySet), { algorithms: [ALG] });
    return { status: 'valid', payload };
  } catch (e) {
    const code = (e as { code?: string }).code;
    return { status: code === 'ERR_JWKS_NO_MATCHING_KEY' ? 'unknown-key' : 'tampered' };
  }
}
