import { randomUUID } from 'node:crypto';
import { type AppDeps, appRouter } from '@masar/server';
import { can, type Permission, ROLES } from '@masar/shared';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { orgWithEveryRole, type TestUser, uniqueEmail } from '../helpers/factories';

/**
 * Every procedure of the app router, enumerated from its definition. A procedure without access
 * metadata, or without a sample input below, fails this test, so new procedures join the matrix.
 */
type Access = 'public' | 'authenticated' | { permission: Permission };
type Procedure = { _def: { meta?: { access?: Access }; type: 'query' | 'mutation' | 'subscription' } };
const procedures = Object.entries((appRouter._def as unknown as { procedures: Record<string, Procedure> }).procedures);

/** Ids of one org's rows, to call procedures with. */
interface Fixture {
  orgSlug: string;
  userId: string;
  invitationId: string;
}

/** Sample input per procedure; `ids: true` when the input names rows (checked across orgs). */
const SAMPLES: Record<string, { input: (f: Fixture) => unknown; ids?: boolean }> = {
  'system.info': { input: () => undefined },
  'auth.me': { input: () => undefined },
  'auth.signUp': { input: () => ({ name: 'N', email: uniqueEmail(), password: 'a-fine-password-77' }) },
  'auth.logIn': { input: () => ({ email: uniqueEmail(), password: 'whatever-password' }) },
  'auth.logOut': { input: () => undefined },
  'auth.updateProfile': { input: () => ({ name: 'Renamed' }) },
  'auth.changePassword': { input: () => ({ currentPassword: 'x-wrong-current', newPassword: 'new-password-99x' }) },
  'auth.sessions.list': { input: () => undefined },
  'auth.sessions.revoke': { input: () => ({ sessionId: 'nope' }) },
  'auth.sessions.revokeOthers': { input: () => undefined },
  'org.create': { input: () => ({ name: 'Matrix org', slug: `m-${randomUUID().slice(0, 8)}`, kind: 'community' }) },
  'org.mine': { input: () => undefined },
  'org.get': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'org.update': { input: (f) => ({ orgSlug: f.orgSlug, name: 'Matrix renamed' }) },
  'org.leave': { input: (f) => ({ orgSlug: f.orgSlug }) },
  'org.audit': { input: (f) => ({ orgSlug: f.orgSlug, page: 1, pageSize: 5 }) },
  'members.list': { input: (f) => ({ orgSlug: f.orgSlug, page: 1, pageSize: 5 }) },
  'members.changeRole': { input: (f) => ({ orgSlug: f.orgSlug, userId: f.userId, role: 'mentor' }), ids: true },
  'members.remove': { input: (f) => ({ orgSlug: f.orgSlug, userId: f.userId }), ids: true },
  'invitations.create': { input: (f) => ({ orgSlug: f.orgSlug, email: uniqueEmail('m'), role: 'learner' }) },
  'invitations.list': { input: (f) => ({ orgSlug: f.orgSlug, page: 1, pageSize: 5 }) },
  'invitations.revoke': { input: (f) => ({ orgSlug: f.orgSlug, invitationId: f.invitationId }), ids: true },
  'invitations.outbox': { input: (f) => ({ orgSlug: f.orgSlug, page: 1, pageSize: 5 }) },
  'invitations.byToken': { input: () => ({ token: 'x'.repeat(43) }) },
  'invitations.accept': { input: () => ({ token: 'x'.repeat(43) }) },
};

const PUBLIC = ['system.info', 'auth.me', 'auth.signUp', 'auth.logIn', 'invitations.byToken'].sort();

let database: TestDatabase;
let deps: AppDeps;
let orgA: { fx: Fixture; members: Record<(typeof ROLES)[number], TestUser> };
let orgB: { fx: Fixture; members: Record<(typeof ROLES)[number], TestUser> };

async function makeOrg(): Promise<typeof orgA> {
  const { org, members } = await orgWithEveryRole(deps);
  const inv = await members.owner.caller.invitations.create({
    orgSlug: org.slug,
    email: uniqueEmail('pending'),
    role: 'learner',
  });
  return { fx: { orgSlug: org.slug, userId: members.learner.user.id, invitationId: inv.id }, members };
}

beforeAll(async () => {
  database = await createTestDatabase();
  deps = testDeps(database, { AUTH_RATE_LIMIT: '1000' });
  orgA = await makeOrg();
  orgB = await makeOrg();
});
afterAll(async () => {
  await database?.destroy();
});

function call(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], caller) as (
    i: unknown,
  ) => Promise<unknown>;
  return fn(input);
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'OK';
  } catch (e) {
    return e instanceof TRPCError ? e.code : `THROWN ${(e as Error).message}`;
  }
}

describe('access matrix', () => {
  it('covers every procedure: each declares its access and has a sample input', () => {
    expect(procedures.length).toBeGreaterThan(20);
    for (const [path, proc] of procedures) {
      expect(proc._def.meta?.access, `${path} has no access metadata`).toBeDefined();
      expect(SAMPLES[path], `${path} has no sample input in access-matrix.test.ts`).toBeDefined();
    }
    expect(Object.keys(SAMPLES).sort()).toEqual(procedures.map(([p]) => p).sort());
  });

  it('has exactly the expected public procedures', () => {
    const pub = procedures.filter(([, p]) => p._def.meta?.access === 'public').map(([path]) => path);
    expect(pub.sort()).toEqual(PUBLIC);
  });

  it('anonymous callers get UNAUTHORIZED from every non-public procedure', async () => {
    const anon = await client(deps);
    for (const [path, proc] of procedures) {
      if (proc._def.meta?.access === 'public') continue;
      expect(await codeOf(call(anon.caller, path, SAMPLES[path]!.input(orgA.fx))), path).toBe('UNAUTHORIZED');
    }
  });

  it('each role without the permission gets FORBIDDEN; roles with it get through (queries)', async () => {
    let checked = 0;
    for (const [path, proc] of procedures) {
      const access = proc._def.meta?.access;
      if (!access || typeof access === 'string') continue;
      for (const role of ROLES) {
        const allowed = can(role, access.permission);
        // Mutations are only called where they must be refused (an allowed one would change the fixture).
        if (allowed && proc._def.type !== 'query') continue;
        const result = await codeOf(call(orgA.members[role].caller, path, SAMPLES[path]!.input(orgA.fx)));
        if (!allowed) {
          expect(result, `${path} as ${role}`).toBe('FORBIDDEN');
          checked++;
        } else if (proc._def.type === 'query') {
          expect(result, `${path} as ${role}`).toBe('OK');
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it("a member of org B calling with org A's slug gets NOT_FOUND", async () => {
    for (const [path, proc] of procedures) {
      const access = proc._def.meta?.access;
      if (!access || typeof access === 'string') continue;
      // B's owner holds every permission in B, so only the tenant boundary can stop them.
      const result = await codeOf(call(orgB.members.owner.caller, path, SAMPLES[path]!.input(orgA.fx)));
      expect(result, path).toBe('NOT_FOUND');
    }
  });

  it("ids of org A's rows are NOT_FOUND inside org B", async () => {
    const withIds = Object.entries(SAMPLES).filter(([, s]) => s.ids);
    expect(withIds.length).toBeGreaterThan(0);
    for (const [path, sample] of withIds) {
      const input = { ...(sample.input(orgA.fx) as object), orgSlug: orgB.fx.orgSlug };
      expect(await codeOf(call(orgB.members.owner.caller, path, input)), path).toBe('NOT_FOUND');
    }
    // and org A's rows are untouched
    const list = await orgA.members.owner.caller.members.list({ orgSlug: orgA.fx.orgSlug, page: 1, pageSize: 10 });
    expect(list.items.find((m) => m.userId === orgA.fx.userId)?.role).toBe('learner');
    const invs = await orgA.members.owner.caller.invitations.list({ orgSlug: orgA.fx.orgSlug, page: 1, pageSize: 10 });
    expect(invs.items.find((i) => i.id === orgA.fx.invitationId)?.status).toBe('pending');
  });
});
