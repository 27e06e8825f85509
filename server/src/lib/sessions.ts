import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { sessions, users } from '@masar/drizzle';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../db';

/**
 * Sessions in Lucia's design (https://lucia-auth.com): the token handed to the browser is
 * `<id>.<secret>`, both random; the database keeps the id and SHA-256(secret) only, and the
 * secret is compared in constant time. Expiry slides: a session used in the second half of its
 * life is extended. Logout deletes the row; a password change deletes the user's other sessions.
 */
export const SESSION_COOKIE = 'masar_session';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  locale: string | null;
  digits: string | null;
  githubLogin: string | null;
  digestOptOut: boolean;
}
export interface SessionInfo {
  id: string;
  userId: string;
  expiresAt: Date;
  createdAt: Date;
}
export interface AuthState {
  user: SessionUser;
  session: SessionInfo;
}

const DAY = 24 * 60 * 60 * 1000;

function sha256(input: string): Buffer {
  return createHash('sha256').update(input).digest();
}

export function generateSessionToken(): { id: string; secret: string; token: string } {
  const id = randomBytes(16).toString('base64url'); // 128 bits, a lookup key
  const secret = randomBytes(32).toString('base64url'); // 256 bits, never stored
  return { id, secret, token: `${id}.${secret}` };
}

export async function createSession(
  db: Db,
  params: { userId: string; days: number; now: Date; userAgent?: string | null; ip?: string | null },
): Promise<{ token: string; session: SessionInfo }> {
  const { id, secret, token } = generateSessionToken();
  const expiresAt = new Date(params.now.getTime() + params.days * DAY);
  await db.insert(sessions).values({
    id,
    secretHash: sha256(secret),
    userId: params.userId,
    createdAt: params.now,
    lastUsedAt: params.now,
    expiresAt,
    userAgent: params.userAgent?.slice(0, 300) ?? null,
    ip: params.ip ?? null,
  });
  return { token, session: { id, userId: params.userId, expiresAt, createdAt: params.now } };
}

/**
 * The per-request session lookup as a prepared statement (built once per database handle; on
 * PostgreSQL each pooled connection parses and plans it once instead of on every request).
 */
function buildSessionLookup(db: Db) {
  return db
    .select({
      id: sessions.id,
      secretHash: sessions.secretHash,
      userId: sessions.userId,
      expiresAt: sessions.expiresAt,
      createdAt: sessions.createdAt,
      lastUsedAt: sessions.lastUsedAt,
      email: users.email,
      name: users.name,
      locale: users.locale,
      digits: users.digits,
      githubLogin: users.githubLogin,
      digestOptOut: users.digestOptOut,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sql.placeholder('id')))
    .limit(1)
    .prepare('session_lookup');
}
const sessionLookups = new WeakMap<Db, ReturnType<typeof buildSessionLookup>>();
function sessionLookup(db: Db) {
  let q = sessionLookups.get(db);
  if (!q) {
    q = buildSessionLookup(db);
    sessionLookups.set(db, q);
  }
  return q;
}

const TOKEN_RE = /^[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{16,128}$/;

/** Returns the session and user for a token, or null (unknown, tampered, expired). */
export async function validateSessionToken(
  db: Db,
  token: string,
  opts: { days: number; now: Date },
): Promise<(AuthState & { refreshed: boolean }) | null> {
  if (!TOKEN_RE.test(token)) return null;
  const [id, secret] = token.split('.') as [string, string];
  const [row] = await sessionLookup(db).execute({ id });
  if (!row) return null;
  const given = sha256(secret);
  const stored = Buffer.from(row.secretHash);
  if (stored.length !== given.length || !timingSafeEqual(stored, given)) return null;
  const now = opts.now.getTime();
  if (now >= row.expiresAt.getTime()) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let expiresAt = row.expiresAt;
  let refreshed = false;
  const lifetime = opts.days * DAY;
  if (now >= expiresAt.getTime() - lifetime / 2) {
    expiresAt = new Date(now + lifetime);
    refreshed = true;
    await db.update(sessions).set({ expiresAt, lastUsedAt: opts.now }).where(eq(sessions.id, id));
  } else if (now - row.lastUsedAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastUsedAt: opts.now }).where(eq(sessions.id, id));
  }
  return {
    user: {
      id: row.userId,
      email: row.email,
      name: row.name,
      locale: row.locale,
      digits: row.digits,
      githubLogin: row.githubLogin,
      digestOptOut: row.digestOptOut,
    },
    session: { id: row.id, userId: row.userId, expiresAt, createdAt: row.createdAt },
    refreshed,
  };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSessions(db: Db, userId: string, exceptSessionId?: string): Promise<number> {
  const where = exceptSessionId
    ? and(eq(sessions.userId, userId), ne(sessions.id, exceptSessionId))
    : eq(sessions.userId, userId);
  const deleted = await db.delete(sessions).where(where).returning({ id: sessions.id });
  return deleted.length;
}
