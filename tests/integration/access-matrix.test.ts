import type { AppDeps } from '@masar/server';
import { can, ROLES } from '@masar/shared';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { call, makeOrg, type OrgFixture, procedures, SAMPLES } from '../helpers/procedures';

/**
 * Every procedure of the app router, enumerated from its definition (tests/helpers/procedures.ts).
 * A procedure without access metadata, or without a sample input there, fails this test, so new
 * procedures join the matrix.
 */
const PUBLIC = [
  'system.info',
  'landing.info',
  'auth.me',
  'auth.signUp',
  'auth.logIn',
  'invitations.byToken',
  'portfolio.view',
].sort();

let database: TestDatabase;
let deps: AppDeps;
let orgA: OrgFixture;
let orgB: OrgFixture;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = testDeps(database, { AUTH_RATE_LIMIT: '1000' });
  orgA = await makeOrg(deps);
  orgB = await makeOrg(deps);
});
afterAll(async () => {
  await database?.destroy();
});

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
    const cohort = await orgA.members.owner.caller.cohort.get({ orgSlug: orgA.fx.orgSlug, cohortId: orgA.fx.cohortId });
    expect(cohort.cohort.name).toBe('Matrix cohort');
    expect(cohort.assignments.map((a) => a.id)).toContain(orgA.fx.assignmentId);
    const roadmap = await orgA.members.owner.caller.roadmap.get({
      orgSlug: orgA.fx.orgSlug,
      roadmapId: orgA.fx.roadmapId,
    });
    expect(roadmap.stages.map((s) => s.id)).toContain(orgA.fx.stageId);
    expect(roadmap.skills.map((s) => s.skillId)).toContain(orgA.fx.skillId);
  });
});
