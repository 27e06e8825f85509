import net from 'node:net';
import { rateLimits } from '@masar/drizzle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuthLimiter, LimiterStore } from '../../server/src/lib/limiter';
import { client, type TestDeps, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { expectTrpcError } from '../helpers/errors';
import { createUser, PASSWORD } from '../helpers/factories';
import { TEST_DATABASE_URL } from '../helpers/pg';

// Two server processes behind a load balancer = two sets of deps on one database. On PostgreSQL
// they spend one budget (the `rate_limits` table); on PGlite (one process by construction) each
// counts in its own memory.
const onPostgres = Boolean(TEST_DATABASE_URL);

let database: TestDatabase;
let a: TestDeps;
let b: TestDeps;
beforeAll(async () => {
  database = await createTestDatabase();
  const env = { AUTH_RATE_LIMIT: '3', MUTATION_RATE_LIMIT: '3' };
  a = testDeps(database, env);
  b = testDeps(database, env);
});
afterAll(async () => {
  await a?.services.close();
  await b?.services.close();
  await database?.destroy();
});

describe(`rate limits across two server instances (${onPostgres ? 'PostgreSQL: shared' : 'PGlite: per process'})`, () => {
  it('counts in the database on PostgreSQL, in memory on PGlite', () => {
    const want = onPostgres ? 'postgres' : 'memory';
    expect(a.services.limiterStore.kind).toBe(want);
    expect(b.services.limiterStore.kind).toBe(want);
  });

  it('failed log-ins from one address for one account, on either instance, spend one budget', async () => {
    const u = await createUser(a);
    const ip = '198.51.100.23';
    const wrong = async (deps: TestDeps, i: number) => {
      const c = await client(deps, { ip }); // one address: the (account, address) limit is what bites
      return c.caller.auth.logIn({ email: u.user.email, password: `wrong-${i}-password` });
    };
    await expectTrpcError(wrong(a, 1), 'UNAUTHORIZED');
    await expectTrpcError(wrong(a, 2), 'UNAUTHORIZED');
    await expectTrpcError(wrong(b, 3), 'UNAUTHORIZED');
    if (onPostgres) {
      // the 4th attempt of a budget of 3, although instance B has seen only one
      await expectTrpcError(wrong(b, 4), 'TOO_MANY_REQUESTS', 'errors.tooManyAttempts');
      await expectTrpcError(wrong(a, 5), 'TOO_MANY_REQUESTS', 'errors.tooManyAttempts');
      const rows = await database.db.select().from(rateLimits);
      expect(rows.length).toBeGreaterThan(0);
      // accounts are counted under a digest: no email address in the table
      expect(rows.some((r) => r.key.toLowerCase().includes(u.user.email.toLowerCase()))).toBe(false);
      expect(rows.some((r) => r.key.startsWith(`auth_pair:${ip}/`) && r.points === 5)).toBe(true);
      // the account's own (per-minute) budget saw only the three attempts that got past the pair's
      expect(rows.some((r) => r.key.startsWith('auth_acct:') && r.points === 3)).toBe(true);
    } else {
      // each instance counts only what it saw: B's 2nd, A's 3rd, then A's 4th is one too many
      await expectTrpcError(wrong(b, 4), 'UNAUTHORIZED');
      await expectTrpcError(wrong(a, 5), 'UNAUTHORIZED');
      await expectTrpcError(wrong(a, 6), 'TOO_MANY_REQUESTS', 'errors.tooManyAttempts');
    }
    // on either store, the owner from another address is not locked out
    const owner = await client(b, { ip: '203.0.113.23' });
    expect(await owner.caller.auth.logIn({ email: u.user.email, password: PASSWORD })).toMatchObject({
      id: u.user.id,
    });
  });

  it("one user's mutations on either instance spend one budget", async () => {
    const onA = await createUser(a); // sign-up is public: not counted
    const onB = await client(b, { token: onA.jar.token });
    await onA.caller.auth.updateProfile({ name: 'Name 1' });
    await onA.caller.auth.updateProfile({ name: 'Name 2' });
    await onB.caller.auth.updateProfile({ name: 'Name 3' });
    if (onPostgres) {
      await expectTrpcError(
        onB.caller.auth.updateProfile({ name: 'Name 4' }),
        'TOO_MANY_REQUESTS',
        'errors.tooManyRequests',
      );
    } else {
      await onB.caller.auth.updateProfile({ name: 'Name 4' }); // B's 2nd
      await onA.caller.auth.updateProfile({ name: 'Name 5' }); // A's 3rd
      await expectTrpcError(onA.caller.auth.updateProfile({ name: 'Name 6' }), 'TOO_MANY_REQUESTS');
    }
  });
});

/** A port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('rate limits while their database is unreachable', () => {
  it('fall back to per-process memory: log-ins still answer (and are still throttled), never a 500', async () => {
    const dead = LimiterStore.for(
      { kind: 'postgres', url: `postgres://nobody@127.0.0.1:${await closedPort()}/nothing` },
      a.logger,
    );
    expect(dead.kind).toBe('postgres');
    const deps = testDeps(database);
    deps.services.authLimiter = new AuthLimiter(2, undefined, dead);
    try {
      const u = await createUser(deps);
      for (let i = 0; i < 2; i++) {
        const c = await client(deps, { ip: '198.51.100.24' });
        await expectTrpcError(
          c.caller.auth.logIn({ email: u.user.email, password: `wrong-${i}-password` }),
          'UNAUTHORIZED',
        );
      }
      const c = await client(deps, { ip: '198.51.100.24' });
      await expectTrpcError(
        c.caller.auth.logIn({ email: u.user.email, password: PASSWORD }),
        'TOO_MANY_REQUESTS',
        'errors.tooManyAttempts',
      );
    } finally {
      await dead.close();
      await deps.services.close();
    }
  });
});
