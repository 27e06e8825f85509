import { sessions } from '@masar/drizzle';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { expectTrpcError } from '../helpers/errors';
import { createUser, PASSWORD, uniqueEmail } from '../helpers/factories';

let database: TestDatabase;
let deps: ReturnType<typeof testDeps>;
beforeAll(async () => {
  database = await createTestDatabase();
  deps = testDeps(database, { AUTH_RATE_LIMIT: '5' });
});
afterAll(async () => {
  await database?.destroy();
});

describe('sign up and log in', () => {
  it('signs up, sets a session cookie, and knows who you are', async () => {
    const c = await client(deps);
    const user = await c.caller.auth.signUp({ name: 'Mona Adel', email: uniqueEmail('mona'), password: PASSWORD });
    expect(c.jar.token).toMatch(/^[\w-]+\.[\w-]+$/);
    expect(await c.caller.auth.me()).toMatchObject({ id: user.id, name: 'Mona Adel' });
  });

  it('stores only a hash of the session secret, never the token', async () => {
    const u = await createUser(deps);
    const [id, secret] = u.jar.token!.split('.') as [string, string];
    const [row] = await database.db.select().from(sessions).where(eq(sessions.id, id));
    expect(row).toBeDefined();
    expect(Buffer.from(row!.secretHash).toString('base64url')).not.toBe(secret);
    expect(Buffer.from(row!.secretHash)).toHaveLength(32);
    // ≥128 bits of randomness in the secret
    expect(Buffer.from(secret, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('treats emails case-insensitively and refuses a second account', async () => {
    const email = uniqueEmail('Case');
    await createUser(deps, { email: email.toUpperCase() });
    const c = await client(deps);
    await expectTrpcError(
      c.caller.auth.signUp({ name: 'Again', email: ` ${email.toLowerCase()} `, password: PASSWORD }),
      'CONFLICT',
      'errors.email.taken',
    );
    const logged = await client(deps);
    const user = await logged.caller.auth.logIn({ email: email.toLowerCase(), password: PASSWORD });
    expect(user.email).toBe(email.toUpperCase());
  });

  it('validates with clear, per-field messages', async () => {
    const c = await client(deps);
    const e = await expectTrpcError(
      c.caller.auth.signUp({ name: '', email: 'not-an-email', password: 'short' }),
      'BAD_REQUEST',
    );
    expect(e.message).toContain('errors.');
    const tooLong = await expectTrpcError(
      c.caller.auth.signUp({ name: 'x', email: uniqueEmail(), password: 'a'.repeat(129) }),
      'BAD_REQUEST',
    );
    expect(tooLong.message).toContain('errors.password.tooLong');
  });

  it('refuses the most common passwords', async () => {
    const c = await client(deps);
    await expectTrpcError(
      c.caller.auth.signUp({ name: 'P', email: uniqueEmail(), password: 'password123' }),
      'BAD_REQUEST',
      'errors.password.common',
    );
    await expectTrpcError(
      c.caller.auth.signUp({ name: 'P', email: uniqueEmail(), password: 'qwertyuiop' }),
      'BAD_REQUEST',
      'errors.password.common',
    );
  });

  it('answers an unknown email and a wrong password the same way', async () => {
    const u = await createUser(deps);
    const a = await expectTrpcError(
      (await client(deps)).caller.auth.logIn({ email: u.user.email, password: 'wrong-password-1' }),
      'UNAUTHORIZED',
    );
    const b = await expectTrpcError(
      (await client(deps)).caller.auth.logIn({ email: uniqueEmail('ghost'), password: 'wrong-password-1' }),
      'UNAUTHORIZED',
    );
    expect(a.message).toBe(b.message);
    expect(a.message).toBe('invalid email or password');
  });

  it('throttles the address that failed, not the owner: no lock-out (OWASP)', async () => {
    const u = await createUser(deps);
    const attacker = await client(deps, { ip: '198.51.100.7' });
    for (let i = 0; i < 5; i++) {
      await expectTrpcError(
        attacker.caller.auth.logIn({ email: u.user.email, password: `wrong-${i}-password` }),
        'UNAUTHORIZED',
      );
    }
    // the address that failed N times waits, even with the right password
    const e = await expectTrpcError(
      attacker.caller.auth.logIn({ email: u.user.email, password: PASSWORD }),
      'TOO_MANY_REQUESTS',
      'errors.tooManyAttempts',
    );
    expect(e.cause).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    const wait = (e.cause as unknown as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(wait).toBeGreaterThan(60);
    expect(wait).toBeLessThanOrEqual(15 * 60);
    // the owner, from another address, logs in
    const owner = await client(deps, { ip: '203.0.113.9' });
    expect(await owner.caller.auth.logIn({ email: u.user.email, password: PASSWORD })).toMatchObject({ id: u.user.id });
    expect(await owner.caller.auth.me()).toMatchObject({ id: u.user.id });
    // …and the attacker's address is still refused, for this account only
    await expectTrpcError(
      attacker.caller.auth.logIn({ email: u.user.email, password: PASSWORD }),
      'TOO_MANY_REQUESTS',
      'errors.tooManyAttempts',
    );
    const other = await createUser(deps);
    expect(await attacker.caller.auth.logIn({ email: other.user.email, password: PASSWORD })).toMatchObject({
      id: other.user.id,
    });
  });

  it('counts an IPv6 /64 as one address: rotating inside it does not reset the wait', async () => {
    const u = await createUser(deps);
    for (let i = 0; i < 5; i++) {
      const c = await client(deps, { ip: `2001:db8:7:7::${i + 1}` });
      await expectTrpcError(
        c.caller.auth.logIn({ email: u.user.email, password: `wrong-${i}-password` }),
        'UNAUTHORIZED',
      );
    }
    const same64 = await client(deps, { ip: '2001:db8:7:7:abcd::99' });
    await expectTrpcError(
      same64.caller.auth.logIn({ email: u.user.email, password: PASSWORD }),
      'TOO_MANY_REQUESTS',
      'errors.tooManyAttempts',
    );
    const other64 = await client(deps, { ip: '2001:db8:7:8::1' });
    await other64.caller.auth.logIn({ email: u.user.email, password: PASSWORD });
  });

  it("a success clears the address's failures for that account", async () => {
    const u = await createUser(deps);
    const c = await client(deps);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) {
        await expectTrpcError(
          c.caller.auth.logIn({ email: u.user.email, password: `wrong-${i}-password` }),
          'UNAUTHORIZED',
        );
      }
      await c.caller.auth.logIn({ email: u.user.email, password: PASSWORD });
    }
  });

  it('slows a guesser with many addresses down per account (a budget per minute), without locking', async () => {
    const u = await createUser(deps);
    // 3 × AUTH_RATE_LIMIT attempts per minute from all addresses together
    for (let i = 0; i < 15; i++) {
      const c = await client(deps, { ip: `100.64.1.${i + 1}` });
      await expectTrpcError(
        c.caller.auth.logIn({ email: u.user.email, password: `wrong-${i}-password` }),
        'UNAUTHORIZED',
      );
    }
    const next = await client(deps, { ip: '100.64.1.200' });
    const e = await expectTrpcError(
      next.caller.auth.logIn({ email: u.user.email, password: PASSWORD }),
      'TOO_MANY_REQUESTS',
      'errors.tooManyAttempts',
    );
    const wait = (e.cause as unknown as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
  });

  it("an address refused for one account cannot drain that account's per-minute budget", async () => {
    const u = await createUser(deps);
    const attacker = await client(deps, { ip: '198.51.100.99' });
    for (let i = 0; i < 30; i++) {
      await expectTrpcError(
        attacker.caller.auth.logIn({ email: u.user.email, password: `wrong-${i}-password` }),
        i < 5 ? 'UNAUTHORIZED' : 'TOO_MANY_REQUESTS',
      );
    }
    const owner = await client(deps);
    await owner.caller.auth.logIn({ email: u.user.email, password: PASSWORD });
  });

  it('throttles per IP across accounts', async () => {
    const c = await client(deps, { ip: '192.0.2.77' });
    for (let i = 0; i < 25; i++) {
      await expectTrpcError(
        c.caller.auth.logIn({ email: uniqueEmail(`ip${i}`), password: 'wrong-password-x' }),
        'UNAUTHORIZED',
      );
    }
    await expectTrpcError(
      c.caller.auth.logIn({ email: uniqueEmail(), password: 'wrong-password-x' }),
      'TOO_MANY_REQUESTS',
    );
  });
});

describe('enumeration of emails and slugs (decision 019)', () => {
  it('sign-up answers "email taken", but only 5 × AUTH_RATE_LIMIT times per address per 15 minutes', async () => {
    const taken = await createUser(deps);
    const prober = await client(deps, { ip: '198.51.100.40' });
    for (let i = 0; i < 25; i++) {
      await expectTrpcError(
        prober.caller.auth.signUp({ name: 'Probe', email: taken.user.email, password: PASSWORD }),
        'CONFLICT',
        'errors.email.taken',
      );
    }
    const e = await expectTrpcError(
      prober.caller.auth.signUp({ name: 'Probe', email: uniqueEmail('new'), password: PASSWORD }),
      'TOO_MANY_REQUESTS',
      'errors.tooManyAttempts',
    );
    expect(e.cause).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    // another address signs up as usual
    await createUser(deps);
  });

  it('org.create answers "slug taken", but only 5 × AUTH_RATE_LIMIT times per address per 15 minutes', async () => {
    const owner = await createUser(deps);
    const slug = `taken-${Math.random().toString(36).slice(2, 8)}`;
    await owner.caller.org.create({ name: 'Taken', slug, kind: 'bootcamp' });
    const prober = await createUser(deps);
    const probe = (s: string) => prober.caller.org.create({ name: 'Probe', slug: s, kind: 'bootcamp' });
    for (let i = 0; i < 25; i++) await expectTrpcError(probe(slug), 'CONFLICT', 'errors.slug.taken');
    await expectTrpcError(probe(`${slug}-new`), 'TOO_MANY_REQUESTS', 'errors.tooManyRequests');
    // the refused call wrote nothing
    expect(await prober.caller.org.mine()).toEqual([]);
  });
});

describe('sessions', () => {
  it('logs out: the token stops working', async () => {
    const u = await createUser(deps);
    const token = u.jar.token!;
    await u.caller.auth.logOut();
    expect(u.jar.token).toBeNull();
    const again = await client(deps, { token });
    expect(await again.caller.auth.me()).toBeNull();
    await expectTrpcError(again.caller.org.mine(), 'UNAUTHORIZED');
  });

  it('rejects tampered and unknown tokens', async () => {
    const u = await createUser(deps);
    const [id, secret] = u.jar.token!.split('.') as [string, string];
    const flipped = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    for (const token of [`${id}.${flipped}`, `${id}x.${secret}`, 'garbage', `${id}.`, '']) {
      const c = await client(deps, { token });
      expect(await c.caller.auth.me(), token).toBeNull();
    }
  });

  it('rejects expired sessions and slides the expiry of used ones', async () => {
    const u = await createUser(deps);
    const id = u.jar.token!.split('.')[0]!;
    const start = Date.now();
    const later = (days: number) => ({ ...deps, now: () => new Date(start + days * 86_400_000) });
    // 20 days in (past half of 30): used → extended to 30 days from then
    const c20 = await client(later(20), { token: u.jar.token });
    expect(await c20.caller.auth.me()).not.toBeNull();
    const [row] = await database.db.select().from(sessions).where(eq(sessions.id, id));
    expect(row!.expiresAt.getTime()).toBeGreaterThan(start + 49 * 86_400_000);
    // 81 days in: past the extended expiry → rejected and deleted
    const c81 = await client(later(81), { token: u.jar.token });
    expect(await c81.caller.auth.me()).toBeNull();
    expect(await database.db.select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
  });

  it('lists my sessions, revokes one, and revokes all others', async () => {
    const u = await createUser(deps);
    const second = await client(deps);
    await second.caller.auth.logIn({ email: u.user.email, password: PASSWORD });
    const third = await client(deps);
    await third.caller.auth.logIn({ email: u.user.email, password: PASSWORD });
    const list = await u.caller.auth.sessions.list();
    expect(list).toHaveLength(3);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    const secondId = second.jar.token!.split('.')[0]!;
    await u.caller.auth.sessions.revoke({ sessionId: secondId });
    expect(await second.caller.auth.me()).toBeNull();
    expect(await u.caller.auth.sessions.revokeOthers()).toEqual({ ended: 1 });
    expect(await third.caller.auth.me()).toBeNull();
    expect(await u.caller.auth.me()).not.toBeNull();
  });

  it("cannot revoke someone else's session (NOT_FOUND)", async () => {
    const a = await createUser(deps);
    const b = await createUser(deps);
    await expectTrpcError(a.caller.auth.sessions.revoke({ sessionId: b.jar.token!.split('.')[0]! }), 'NOT_FOUND');
    expect(await b.caller.auth.me()).not.toBeNull();
  });

  it('changing the password ends the other sessions and needs the current password', async () => {
    const u = await createUser(deps);
    const other = await client(deps);
    await other.caller.auth.logIn({ email: u.user.email, password: PASSWORD });
    await expectTrpcError(
      u.caller.auth.changePassword({ currentPassword: 'not-the-password', newPassword: 'a-brand-new-secret-9' }),
      'BAD_REQUEST',
      'errors.password.currentWrong',
    );
    await expectTrpcError(
      u.caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'iloveyou' }),
      'BAD_REQUEST',
      'errors.password.common',
    );
    expect(
      await u.caller.auth.changePassword({ currentPassword: PASSWORD, newPassword: 'a-brand-new-secret-9' }),
    ).toEqual({ endedSessions: 1 });
    expect(await other.caller.auth.me()).toBeNull();
    expect(await u.caller.auth.me()).not.toBeNull();
    await expectTrpcError(
      (await client(deps)).caller.auth.logIn({ email: u.user.email, password: PASSWORD }),
      'UNAUTHORIZED',
    );
    await (await client(deps)).caller.auth.logIn({ email: u.user.email, password: 'a-brand-new-secret-9' });
  });

  it('updates the profile name and language', async () => {
    const u = await createUser(deps);
    expect(await u.caller.auth.updateProfile({ name: 'Youssef', locale: 'ar' })).toMatchObject({
      name: 'Youssef',
      locale: 'ar',
    });
    expect(await u.caller.auth.me()).toMatchObject({ name: 'Youssef', locale: 'ar' });
  });

  it('saves and reads the digits setting, refusing anything but latn, arab or null', async () => {
    const u = await createUser(deps);
    expect(await u.caller.auth.me()).toMatchObject({ digits: null });
    expect(await u.caller.auth.updateProfile({ digits: 'arab' })).toMatchObject({ digits: 'arab' });
    // a new session (another device) reads it from the database
    const { caller: again } = await client(deps);
    await again.auth.logIn({ email: u.user.email, password: PASSWORD });
    expect(await again.auth.me()).toMatchObject({ digits: 'arab', locale: null });
    // other fields leave it alone
    await u.caller.auth.updateProfile({ name: 'Salma' });
    expect(await u.caller.auth.me()).toMatchObject({ name: 'Salma', digits: 'arab' });
    for (const bad of ['hindi', 'ARAB', '', 'arabext']) {
      const e = await expectTrpcError(
        // @ts-expect-error: not a digits value
        u.caller.auth.updateProfile({ digits: bad }),
        'BAD_REQUEST',
      );
      expect(e.message).toContain('errors.digits.invalid');
    }
    expect(await u.caller.auth.me()).toMatchObject({ digits: 'arab' });
    expect(await u.caller.auth.updateProfile({ digits: null })).toMatchObject({ digits: null });
    expect(await u.caller.auth.me()).toMatchObject({ digits: null });
  });
});

describe('mutation rate limit', () => {
  it('refuses the N+1th state-changing call of a user within a minute', async () => {
    const limited = testDeps(database, { MUTATION_RATE_LIMIT: '3' });
    const u = await createUser(limited); // sign-up is public: not counted
    for (let i = 0; i < 3; i++) await u.caller.auth.updateProfile({ name: `Name ${i}` });
    await expectTrpcError(
      u.caller.auth.updateProfile({ name: 'Too many' }),
      'TOO_MANY_REQUESTS',
      'errors.tooManyRequests',
    );
    // reads are not limited
    expect(await u.caller.auth.me()).toMatchObject({ name: 'Name 2' });
  });
});
