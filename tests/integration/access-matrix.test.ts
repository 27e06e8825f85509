import type { AppDeps } from '@masar/server';
import { can, ROLES, type Role } from '@masar/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { codeOf } from '../helpers/errors';
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
  'portfolios.view',
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

  it('each role with the permission executes every mutation: it takes effect (OK) or fails only for a domain reason', async () => {
    // Mutations change the fixture, so each role works on an org of its own, and the ones that end
    // the caller's access (leave, log out) or remove the sample member run last.
    const LAST = [
      'submissions.review',
      'submissions.startReview',
      'cohorts.removeAssignment',
      'cohorts.removeMember',
      'submissions.withdraw',
      'roadmaps.archiveStage',
      'roadmaps.setSkillArchived',
      'submissions.deleteSnippet',
      'invitations.revoke',
      'members.changeRole',
      'members.remove',
      'org.leave',
      'auth.sessions.revokeOthers',
      'auth.logOut',
    ];
    const mutations = procedures
      .filter(([, p]) => p._def.type === 'mutation')
      .sort(([a], [b]) => LAST.indexOf(a) - LAST.indexOf(b));
    /**
     * The sample inputs name real rows, so nearly every call succeeds; these are the domain answers a
     * sample cannot avoid, per procedure and role (anything else, above all FORBIDDEN, fails the test).
     */
    const DOMAIN: Record<string, Partial<Record<Role | '*', string>>> = {
      // the sample's current password is wrong on purpose (it must not change the fixture's password)
      'auth.changePassword': { '*': 'BAD_REQUEST' },
      // the sample session id does not exist
      'auth.sessions.revoke': { '*': 'NOT_FOUND' },
      // a made-up token
      'invitations.accept': { '*': 'NOT_FOUND' },
      // the only owner cannot leave (the last owner stays)
      'org.leave': { owner: 'CONFLICT' },
      // the sample learner is the caller's own account only for the learner; others review it
      'submissions.review': { learner: 'FORBIDDEN' },
      'submissions.startReview': { learner: 'FORBIDDEN' },
      // the sample submission is the sample learner's: only they may withdraw it
      'submissions.withdraw': { owner: 'NOT_FOUND', admin: 'NOT_FOUND', mentor: 'NOT_FOUND', viewer: 'NOT_FOUND' },
      // only learners of the cohort submit to it (the fixture's owner, admin and mentor are not)
      'submissions.submit': { owner: 'NOT_FOUND', admin: 'NOT_FOUND', mentor: 'NOT_FOUND' },
      // read-only roles read a submission but may not start work on it (shared/src/access.ts canReanalyse)
      'submissions.reanalyse': { viewer: 'FORBIDDEN' },
      // feedback snippets are their author's (the fixture's snippet is the owner's)
      'submissions.deleteSnippet': { admin: 'NOT_FOUND', mentor: 'NOT_FOUND' },
    };
    const ran: Record<string, string[]> = {};
    const wrong: string[] = [];
    for (const role of ROLES) {
      const org = await makeOrg(deps);
      const me = org.members[role];
      // the sample learner has a public portfolio link, for an admin to take down
      await org.members.learner.caller.portfolios.publish({ orgSlug: org.fx.orgSlug });
      for (const [path, proc] of mutations) {
        const access = proc._def.meta?.access;
        if (access === 'public') continue;
        if (access && typeof access !== 'string' && !can(role, access.permission)) continue;
        const result = await codeOf(call(me.caller, path, SAMPLES[path]!.input(org.fx)));
        const expected = DOMAIN[path]?.[role] ?? DOMAIN[path]?.['*'] ?? 'OK';
        if (result !== expected) wrong.push(`${path} as ${role}: ${result}, expected ${expected}`);
        if (result === 'OK') ran[role] = [...(ran[role] ?? []), path];
      }
    }
    expect(wrong).toEqual([]);
    // every non-public mutation took effect for at least one role that may call it
    const NEVER_OK = ['auth.changePassword', 'auth.sessions.revoke', 'invitations.accept'];
    const nonPublic = mutations
      .filter(([path, p]) => p._def.meta?.access !== 'public' && !NEVER_OK.includes(path))
      .map(([path]) => path);
    expect(new Set(Object.values(ran).flat())).toEqual(new Set(nonPublic));
    expect(ran.owner!.length).toBeGreaterThan(30);
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
    const cohort = await orgA.members.owner.caller.cohorts.get({
      orgSlug: orgA.fx.orgSlug,
      cohortId: orgA.fx.cohortId,
    });
    expect(cohort.cohort.name).toBe('Matrix cohort');
    expect(cohort.assignments.map((a) => a.id)).toContain(orgA.fx.assignmentId);
    const roadmap = await orgA.members.owner.caller.roadmaps.get({
      orgSlug: orgA.fx.orgSlug,
      roadmapId: orgA.fx.roadmapId,
    });
    expect(roadmap.stages.map((s) => s.id)).toContain(orgA.fx.stageId);
    expect(roadmap.skills.map((s) => s.skillId)).toContain(orgA.fx.skillId);
  });
});
