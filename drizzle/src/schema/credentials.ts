import { jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAt } from './columns';
import { orgIdColumn } from './global';

/**
 * An organisation's credential signing keys (decision 030): Ed25519, the public JWK published in the
 * issuer's JWKS, the private key only as AES-256-GCM ciphertext under CREDENTIALS_KEY. Rotation sets
 * `retired_at` on the old key (no longer signs) and keeps it published; never deleted while any
 * credential it signed exists.
 */
export const credentialKeys = pgTable(
  'credential_keys',
  {
    orgId: orgIdColumn(),
    /** RFC 7638 thumbprint of the public key. */
    kid: text('kid').notNull(),
    publicJwk: jsonb('public_jwk').notNull(),
    encryptedPrivateKey: text('encrypted_private_key').notNull(),
    createdAt: createdAt(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.kid] })],
);
