import { sessions, users } from '@masar/drizzle';
import type { ChangePasswordInput, LogInInput, SignUpInput } from '@masar/shared';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db';
import { inTransaction } from '../../db/tenant';
import { AppError, isUniqueViolation, notFound } from '../../errors';
import { assertAcceptablePassword, hashPassword, verifyAgainstDummy, verifyPassword } from '../../lib/passwords';
import { invalidateUserSessions } from '../../lib/sessions';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const invalidLogin = () =>
  new AppError('UNAUTHORIZED', { userMessage: 'errors.login.invalid', message: 'invalid email or password' });

/**
 * A new account. A taken email answers `errors.email.taken` (the sign-up form needs it), after the
 * same work as a new one — the password is always hashed first — so the answer time does not tell;
 * sign-ups are rate-limited per address (decision 019).
 */
export async function signUp(db: Db, input: SignUpInput) {
  assertAcceptablePassword(input.password);
  const passwordHash = await hashPassword(input.password);
  try {
    const [user] = await db
      .insert(users)
      .values({
        email: input.email.trim(),
        emailNormalized: normalizeEmail(input.email),
        name: input.name,
        githubLogin: input.githubLogin || null,
        passwordHash,
      })
      .returning({ id: users.id, email: users.email, name: users.name });
    return user!;
  } catch (err) {
    if (isUniqueViolation(err, 'users_email_normalized_key')) {
      throw new AppError('CONFLICT', { userMessage: 'errors.email.taken', message: 'email taken', field: 'email' });
    }
    throw err;
  }
}

/** Same answer and about the same time for an unknown email and a wrong password. */
export async function logIn(db: Db, input: LogInInput) {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.emailNormalized, normalizeEmail(input.email)))
    .limit(1);
  if (!user) {
    await verifyAgainstDummy(input.password);
    throw invalidLogin();
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) throw invalidLogin();
  return { id: user.id, email: user.email, name: user.name };
}

/** Changes the password and ends every other session of the user. */
export async function changePassword(
  db: Db,
  params: { userId: string; currentSessionId: string } & ChangePasswordInput,
): Promise<{ endedSessions: number }> {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, params.userId));
  if (!user) throw notFound('user');
  if (!(await verifyPassword(user.passwordHash, params.currentPassword))) {
    throw new AppError('BAD_REQUEST', {
      userMessage: 'errors.password.currentWrong',
      message: 'current password wrong',
      field: 'currentPassword',
    });
  }
  if (params.currentPassword === params.newPassword) {
    throw new AppError('BAD_REQUEST', {
      userMessage: 'errors.password.same',
      message: 'same password',
      field: 'newPassword',
    });
  }
  assertAcceptablePassword(params.newPassword, 'newPassword');
  const passwordHash = await hashPassword(params.newPassword);
  return inTransaction(db, async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, params.userId));
    const endedSessions = await invalidateUserSessions(tx, params.userId, params.currentSessionId);
    return { endedSessions };
  });
}

export async function updateProfile(
  db: Db,
  userId: string,
  input: {
    name?: string | undefined;
    locale?: string | null | undefined;
    digits?: string | null | undefined;
    githubLogin?: string | null | undefined;
    digestOptOut?: boolean | undefined;
  },
) {
  const changes = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.locale !== undefined ? { locale: input.locale } : {}),
    ...(input.digits !== undefined ? { digits: input.digits } : {}),
    ...(input.githubLogin !== undefined ? { githubLogin: input.githubLogin } : {}),
    ...(input.digestOptOut !== undefined ? { digestOptOut: input.digestOptOut } : {}),
  };
  const profile = {
    id: users.id,
    name: users.name,
    email: users.email,
    locale: users.locale,
    digits: users.digits,
    githubLogin: users.githubLogin,
  };
  // Nothing to change (an empty object, or only keys the schema drops such as `__proto__`): the
  // profile as it is, not an UPDATE without a SET.
  const [u] =
    Object.keys(changes).length === 0
      ? await db.select(profile).from(users).where(eq(users.id, userId))
      : await db.update(users).set(changes).where(eq(users.id, userId)).returning(profile);
  if (!u) throw notFound('user');
  return u;
}

export async function listSessions(db: Db, userId: string, currentSessionId: string) {
  const rows = await db
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastUsedAt: sessions.lastUsedAt,
      expiresAt: sessions.expiresAt,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
    })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastUsedAt))
    .limit(100);
  return rows.map((r) => ({ ...r, current: r.id === currentSessionId }));
}

export async function revokeSession(db: Db, userId: string, sessionId: string) {
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), eq(sessions.id, sessionId)))
    .returning({ id: sessions.id });
  if (deleted.length === 0) throw notFound('session');
}
