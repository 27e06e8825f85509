import { randomBytes } from 'node:crypto';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import {
  checkCredentialJwt,
  decryptPrivateKey,
  generateOrgKey,
  jwks,
  parseDeploymentKey,
  signCredentialJwt,
} from './credential-keys';

const deploymentKey = randomBytes(32);
const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  credentialSubject: { type: ['AchievementSubject'], achievement: { name: 'واجهات برمجة REST' } },
};

function flip(s: string, at: number): string {
  const c = s[at] === 'A' ? 'B' : 'A';
  return s.slice(0, at) + c + s.slice(at + 1);
}

describe('credential signing keys', () => {
  it('parses the deployment key strictly and never echoes it in a config error', () => {
    expect(parseDeploymentKey(randomBytes(32).toString('base64'))).toHaveLength(32);
    expect(parseDeploymentKey(randomBytes(32).toString('base64url'))).toHaveLength(32);
    expect(parseDeploymentKey(randomBytes(32).toString('hex'))).toHaveLength(32);
    expect(parseDeploymentKey(randomBytes(16).toString('base64'))).toBeNull();
    expect(parseDeploymentKey('secret')).toBeNull();
    expect(() => loadConfig({ CREDENTIALS_KEY: 'not-a-key-but-secret' })).toThrow(/CREDENTIALS_KEY.*\*\*\*/);
    expect(() => loadConfig({ CREDENTIALS_KEY: 'not-a-key-but-secret' })).not.toThrow(/not-a-key/);
    const hex = randomBytes(32).toString('hex');
    expect(loadConfig({ CREDENTIALS_KEY: hex }).credentialsKey?.toString('hex')).toBe(hex);
    expect(loadConfig({}).credentialsKey).toBeUndefined();
  });

  it('stores the private key only as AES-256-GCM ciphertext bound to its kid and deployment key', async () => {
    const key = await generateOrgKey(deploymentKey);
    expect(key.publicJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: key.kid, alg: 'EdDSA' });
    expect(key.publicJwk).not.toHaveProperty('d');
    const priv = decryptPrivateKey(deploymentKey, key.kid, key.encryptedPrivateKey);
    expect(priv.d).toBeTypeOf('string');
    expect(key.encryptedPrivateKey).not.toContain(priv.d);
    expect(() => decryptPrivateKey(randomBytes(32), key.kid, key.encryptedPrivateKey)).toThrow();
    expect(() => decryptPrivateKey(deploymentKey, 'other-kid', key.encryptedPrivateKey)).toThrow();
    const last = key.encryptedPrivateKey.length - 2;
    expect(() => decryptPrivateKey(deploymentKey, key.kid, flip(key.encryptedPrivateKey, last))).toThrow();
  });

  it('signs a VC-JWT that jose verifies on its own against the published key set', async () => {
    const key = await generateOrgKey(deploymentKey);
    const jwt = await signCredentialJwt(deploymentKey, key, credential);
    const { payload, protectedHeader } = await jwtVerify(jwt, createLocalJWKSet(jwks([key.publicJwk])));
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: key.kid, typ: 'vc+jwt' });
    expect(payload).toMatchObject(credential);
    expect(await checkCredentialJwt(jwt, jwks([key.publicJwk]))).toMatchObject({ status: 'valid' });
  });

  it('reports one changed character in payload or signature as tampered', async () => {
    const key = await generateOrgKey(deploymentKey);
    const jwt = await signCredentialJwt(deploymentKey, key, credential);
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const set = jwks([key.publicJwk]);
    expect((await checkCredentialJwt(`${h}.${flip(p, 10)}.${s}`, set)).status).toBe('tampered');
    expect((await checkCredentialJwt(`${h}.${p}.${flip(s, 5)}`, set)).status).toBe('tampered');
    expect((await checkCredentialJwt('not.a.jwt', set)).status).toBe('tampered');
  });

  it('keeps credentials valid across rotation while the old key stays published; unknown key otherwise', async () => {
    const oldKey = await generateOrgKey(deploymentKey);
    const oldJwt = await signCredentialJwt(deploymentKey, oldKey, credential);
    const newKey = await generateOrgKey(deploymentKey);
    expect(newKey.kid).not.toBe(oldKey.kid);
    const newJwt = await signCredentialJwt(deploymentKey, newKey, credential);
    const published = jwks([newKey.publicJwk, oldKey.publicJwk]);
    expect((await checkCredentialJwt(oldJwt, published)).status).toBe('valid');
    expect((await checkCredentialJwt(newJwt, published)).status).toBe('valid');
    // A key that was never published (or was withdrawn) verifies nothing.
    expect((await checkCredentialJwt(oldJwt, jwks([newKey.publicJwk]))).status).toBe('unknown-key');
  });
});
