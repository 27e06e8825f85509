import { BUILTIN_ROADMAP, todayIn } from '@masar/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { expectTrpcError } from '../helpers/errors';
import { addMember, createOrg, createUser, type TestUser } from '../helpers/factories';

let database: TestDatabase;
let deps: ReturnType<typeof testDeps>;
beforeAll(async () => {
  database = await createTestDatabase();
  deps = testDeps(database);
});
afterAll(async () => {
  await database?.destroy();
});

async function orgWithRoadmap() {
  const owner = await createUser(deps);
  const org = await createOrg(owner);
  const [roadmap] = await owner.caller.roadmaps.list({ orgSlug: org.slug });
  const full = await owner.caller.roadmaps.get({ orgSlug: org.slug, roadmapId: roadmap!.id });
  return { owner, org, s: org.slug, roadmapId: roadmap!.id, full };
}

describe('the built-in roadmap', () => {
  it('every new organisation gets its own copy', async () => {
    const a = await orgWithRoadmap();
    const b = await orgWithRoadmap();
    for (const { full } of [a, b]) {
      expect(full.roadmap.builtinKey).toBe('backend-egypt');
      expect(full.stages.map((s) => s.key)).toEqual(['beginner-to-junior', 'junior-to-mid', 'mid-to-senior']);
      expect(full.skills).toHaveLength(BUILTIN_ROADMAP.skills.length);
      expect(full.briefs.map((x) => x.key).sort()).toEqual([
        'auth-api',
        'ecommerce-backend',
        'production-ready',
        'realtime-service',
      ]);
      expect(full.resources.length).toBe(BUILTIN_ROADMAP.resources.length);
    }
    const fundamentals = a.full.skills.find((s) => s.key === 'programming-fundamentals')!;
    expect(fundamentals).toMatchObject({ startMonth: 0, endMonth: 3, category: 'fundamentals' });
    expect(new Set(a.full.skills.map((s) => s.skillId)).size).toBe(a.full.skills.length);
    // separate copies: no shared ids
    const bIds = new Set(b.full.skills.map((s) => s.skillId));
    expect(a.full.skills.some((s) => bIds.has(s.skillId))).toBe(false);
    // the auth-api brief points at the right catalogue skills
    const authApi = a.full.briefs.find((x) => x.key === 'auth-api')!;
    const keyOf = new Map(a.full.skills.map((s) => [s.skillId, s.key]));
    expect(authApi.skillIds.map((id) => keyOf.get(id)).sort()).toEqual(
      ['api-security', 'authentication', 'backend-language', 'first-api', 'rest-design', 'testing'].sort(),
    );
  });
});

describe('the roadmap editor', () => {
  it('renames, adds stages and skills, moves windows, reorders and archives, all audited', async () => {
    const { owner, s, roadmapId, full } = await orgWithRoadmap();
    const c = owner.caller;
    await c.roadmaps.update({ orgSlug: s, roadmapId, title: 'Our backend path' });
    const stage = await c.roadmaps.addStage({
      orgSlug: s,
      roadmapId,
      title: 'Capstone',
      description: '',
      startMonth: 30,
      endMonth: 36,
    });
    const added = await c.roadmaps.addSkill({
      orgSlug: s,
      roadmapId,
      stageId: stage.id,
      title: 'GraphQL APIs',
      description: 'Schema-first APIs.',
      category: 'apis',
      startMonth: 30,
      endMonth: 36,
    });
    expect(added.key).toBe('graphql-apis');
    const git = full.skills.find((x) => x.key === 'git')!;
    await c.roadmaps.updateSkill({
      orgSlug: s,
      roadmapId,
      skillId: git.skillId,
      startMonth: 0,
      endMonth: 3,
      title: 'Git and GitHub',
    });
    const after = await c.roadmaps.get({ orgSlug: s, roadmapId });
    expect(after.roadmap.title).toBe('Our backend path');
    expect(after.stages.map((x) => x.title)).toContain('Capstone');
    expect(after.skills.find((x) => x.skillId === git.skillId)).toMatchObject({
      startMonth: 0,
      endMonth: 3,
      title: 'Git and GitHub',
      builtinKey: null,
    });

    // reorder: the first skill of the first stage moves down one place
    const firstStage = after.stages[0]!.id;
    const inStage = after.skills.filter((x) => x.stageId === firstStage).map((x) => x.skillId);
    await c.roadmaps.moveSkill({ orgSlug: s, roadmapId, skillId: inStage[0]!, direction: 'down' });
    const reordered = (await c.roadmaps.get({ orgSlug: s, roadmapId })).skills
      .filter((x) => x.stageId === firstStage)
      .map((x) => x.skillId);
    expect(reordered.slice(0, 2)).toEqual([inStage[1], inStage[0]]);

    await c.roadmaps.setSkillArchived({ orgSlug: s, roadmapId, skillId: added.skillId, archived: true });
    expect((await c.roadmaps.get({ orgSlug: s, roadmapId })).skills.map((x) => x.skillId)).not.toContain(added.skillId);
    const withArchived = await c.roadmaps.get({ orgSlug: s, roadmapId, includeArchived: true });
    expect(withArchived.skills.find((x) => x.skillId === added.skillId)?.archivedAt).toBeInstanceOf(Date);

    const actions = (await c.org.audit({ orgSlug: s, page: 1, pageSize: 20 })).items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'roadmap.updated',
        'stage.added',
        'skill.added',
        'skill.updated',
        'skill.moved',
        'skill.archived',
      ]),
    );
  });

  it('refuses bad windows and foreign stages with clear errors', async () => {
    const a = await orgWithRoadmap();
    const b = await orgWithRoadmap();
    const e1 = await expectTrpcError(
      a.owner.caller.roadmaps.addStage({
        orgSlug: a.s,
        roadmapId: a.roadmapId,
        title: 'x',
        description: '',
        startMonth: 6,
        endMonth: 3,
      }),
      'BAD_REQUEST',
    );
    expect(e1.message).toContain('errors.month.order');
    await expectTrpcError(
      a.owner.caller.roadmaps.updateSkill({
        orgSlug: a.s,
        roadmapId: a.roadmapId,
        skillId: a.full.skills[0]!.skillId,
        endMonth: 40,
      }),
      'BAD_REQUEST',
    );
    await expectTrpcError(
      a.owner.caller.roadmaps.updateSkill({
        orgSlug: a.s,
        roadmapId: a.roadmapId,
        skillId: a.full.skills[0]!.skillId,
        stageId: b.full.stages[0]!.id,
      }),
      'NOT_FOUND',
    );
    await expectTrpcError(
      a.owner.caller.roadmaps.addResource({
        orgSlug: a.s,
        roadmapId: a.roadmapId,
        title: 'x',
        kind: 'docs',
        url: 'javascript:alert(1)',
      }),
      'BAD_REQUEST',
    );
  });

  it('duplicates a roadmap onto the same catalogue skills; briefs and resources are managed', async () => {
    const { owner, s, roadmapId, full } = await orgWithRoadmap();
    const copy = await owner.caller.roadmaps.duplicate({ orgSlug: s, roadmapId, title: 'Company onboarding path' });
    const dup = await owner.caller.roadmaps.get({ orgSlug: s, roadmapId: copy.id });
    expect(dup.skills.map((x) => x.skillId).sort()).toEqual(full.skills.map((x) => x.skillId).sort());
    expect(dup.stages.map((x) => x.id)).not.toContain(full.stages[0]!.id);
    const brief = await owner.caller.roadmaps.addBrief({
      orgSlug: s,
      roadmapId: copy.id,
      title: 'URL shortener',
      description: 'A small service',
      skillIds: [full.skills[0]!.skillId],
    });
    await owner.caller.roadmaps.updateBrief({
      orgSlug: s,
      briefId: brief.id,
      title: 'URL shortener',
      description: '',
      skillIds: [],
      archived: true,
    });
    expect((await owner.caller.roadmaps.get({ orgSlug: s, roadmapId: copy.id })).briefs.map((x) => x.id)).not.toContain(
      brief.id,
    );
    const res = await owner.caller.roadmaps.addResource({
      orgSlug: s,
      roadmapId: copy.id,
      title: 'PostgreSQL docs',
      kind: 'docs',
      url: 'https://www.postgresql.org/docs/',
    });
    expect(res.url).toBe('https://www.postgresql.org/docs/');
  });
});

describe('cohorts', () => {
  async function setup() {
    const ctx = await orgWithRoadmap();
    const mentor = await addMember(deps, ctx.owner, ctx.s, 'mentor', 'Mentor Mai');
    const learner = await addMember(deps, ctx.owner, ctx.s, 'learner', 'Learner Layla');
    return { ...ctx, mentor, learner };
  }

  it('creates, lists with search and pagination, edits and archives', async () => {
    const { owner, s, roadmapId } = await setup();
    for (const name of ['Cairo Winter 2026', 'Alexandria Spring 2027', 'Cairo Summer 2027']) {
      await owner.caller.cohorts.create({ orgSlug: s, name, roadmapId, startDate: '2026-09-01' });
    }
    const cairo = await owner.caller.cohorts.list({ orgSlug: s, search: 'cairo', page: 1, pageSize: 1 });
    expect(cairo.total).toBe(2);
    expect(cairo.items).toHaveLength(1);
    const bad = await expectTrpcError(
      owner.caller.cohorts.create({
        orgSlug: s,
        name: 'Bad',
        roadmapId,
        startDate: '2026-09-01',
        endDate: '2026-08-01',
      }),
      'BAD_REQUEST',
    );
    expect(bad.message).toContain('errors.date.endBeforeStart');
    await expectTrpcError(
      owner.caller.cohorts.create({ orgSlug: s, name: 'Bad', roadmapId, startDate: '2026-02-30' }),
      'BAD_REQUEST',
    );
    const id = cairo.items[0]!.id;
    await owner.caller.cohorts.update({ orgSlug: s, cohortId: id, archived: true });
    expect((await owner.caller.cohorts.list({ orgSlug: s, search: 'cairo' })).total).toBe(1);
    expect((await owner.caller.cohorts.list({ orgSlug: s, archived: true })).items.map((c) => c.id)).toEqual([id]);
    // search text is not a pattern
    expect((await owner.caller.cohorts.list({ orgSlug: s, search: '%' })).total).toBe(0);
  });

  it('mentors see the cohorts they mentor; admins see all', async () => {
    const { owner, mentor, s, roadmapId } = await setup();
    const mine = await mentor.caller.cohorts.create({
      orgSlug: s,
      name: 'Mentor cohort',
      roadmapId,
      startDate: '2026-09-01',
    });
    const other = await owner.caller.cohorts.create({
      orgSlug: s,
      name: 'Other cohort',
      roadmapId,
      startDate: '2026-09-01',
    });
    expect((await mentor.caller.cohorts.list({ orgSlug: s })).items.map((c) => c.name)).toEqual(['Mentor cohort']);
    expect((await owner.caller.cohorts.list({ orgSlug: s })).total).toBe(2);
    await expectTrpcError(mentor.caller.cohorts.get({ orgSlug: s, cohortId: other.id }), 'NOT_FOUND');
    await expectTrpcError(
      mentor.caller.cohorts.update({ orgSlug: s, cohortId: other.id, name: 'mine now' }),
      'NOT_FOUND',
    );
    expect((await mentor.caller.cohorts.get({ orgSlug: s, cohortId: mine.id })).members.map((m) => m.role)).toEqual([
      'mentor',
    ]);
  });

  it('adds members from the org, refuses strangers, and invites new people straight in', async () => {
    const { owner, learner, s, roadmapId } = await setup();
    const cohort = await owner.caller.cohorts.create({ orgSlug: s, name: 'C', roadmapId, startDate: '2026-09-01' });
    await owner.caller.cohorts.addMembers({
      orgSlug: s,
      cohortId: cohort.id,
      members: [{ userId: learner.user.id, role: 'learner' }],
    });
    const stranger = await createUser(deps);
    await expectTrpcError(
      owner.caller.cohorts.addMembers({
        orgSlug: s,
        cohortId: cohort.id,
        members: [{ userId: stranger.user.id, role: 'learner' }],
      }),
      'NOT_FOUND',
    );
    const inv = await owner.caller.cohorts.invite({
      orgSlug: s,
      cohortId: cohort.id,
      email: 'hire@example.test',
      role: 'learner',
    });
    const hire = await createUser(deps, { email: 'hire@example.test' });
    await hire.caller.invitations.accept({ token: inv.link.split('/invite/')[1]! });
    const got = await owner.caller.cohorts.get({ orgSlug: s, cohortId: cohort.id });
    expect(
      got.members
        .filter((m) => m.role === 'learner')
        .map((m) => m.email)
        .sort(),
    ).toEqual([learner.user.email, 'hire@example.test'].sort());
    await owner.caller.cohorts.removeMember({ orgSlug: s, cohortId: cohort.id, userId: hire.user.id });
    // the creator (owner) mentors the cohort; the learner stays, the hire is gone
    const left = (await owner.caller.cohorts.get({ orgSlug: s, cohortId: cohort.id })).members;
    expect(left.map((m) => m.email).sort()).toEqual([owner.user.email, learner.user.email].sort());
  });
});

describe('assignments and the learner view', () => {
  async function running(startDate: string) {
    const ctx = await orgWithRoadmap();
    const mentor = await addMember(deps, ctx.owner, ctx.s, 'mentor');
    const learner = await addMember(deps, ctx.owner, ctx.s, 'learner');
    const late = await addMember(deps, ctx.owner, ctx.s, 'learner');
    const cohort = await mentor.caller.cohorts.create({
      orgSlug: ctx.s,
      name: 'Running',
      roadmapId: ctx.roadmapId,
      startDate,
    });
    await mentor.caller.cohorts.addMembers({
      orgSlug: ctx.s,
      cohortId: cohort.id,
      members: [
        { userId: learner.user.id, role: 'learner' },
        { userId: late.user.id, role: 'learner' },
      ],
    });
    return { ...ctx, mentor, learner, late, cohort };
  }
  const monthsAgo = (n: number) => {
    const today = todayIn('Africa/Cairo');
    const [y, m, d] = today.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1 - n, Math.min(d, 28)));
    return date.toISOString().slice(0, 10);
  };

  it('a stage assigned to a cohort that started four months ago: the 0–3 skills are overdue', async () => {
    const start = monthsAgo(4);
    const { mentor, learner, s, cohort, full } = await running(start);
    const firstStage = full.stages[0]!;
    const a = await mentor.caller.cohorts.assign({ orgSlug: s, cohortId: cohort.id, stageId: firstStage.id });
    expect(a.dueOffsetMonths).toBe(6);
    const mine = await learner.caller.progress.mine({ orgSlug: s });
    expect(mine.cohorts).toHaveLength(1);
    const view = mine.cohorts[0]!;
    expect(view.monthsSinceStart).toBeGreaterThan(3.9);
    const early = view.skills.filter((x) => x.endMonth === 3);
    expect(early.length).toBe(5);
    for (const skill of early) expect(skill, skill.key).toMatchObject({ dueState: 'overdue' });
    const next = view.skills.filter((x) => x.endMonth === 6);
    for (const skill of next) expect(skill.dueState, skill.key).toMatch(/due_soon|upcoming/);
    expect(view.skills.filter((x) => x.endMonth > 6).every((x) => x.dueDate === null)).toBe(true);
    expect(view.counts).toMatchObject({ assigned: 9, overdue: 5 });
  });

  it("due dates follow a learner's own start date; a date set by hand holds for everyone", async () => {
    const { mentor, learner, late, s, cohort, full } = await running('2026-01-31');
    await mentor.caller.cohorts.setPersonalStartDate({
      orgSlug: s,
      cohortId: cohort.id,
      userId: late.user.id,
      startDate: '2026-03-15',
    });
    await mentor.caller.cohorts.assign({ orgSlug: s, cohortId: cohort.id, stageId: full.stages[0]!.id });
    const key = 'programming-fundamentals';
    const dueFor = async (u: TestUser) =>
      (await u.caller.progress.mine({ orgSlug: s })).cohorts[0]!.skills.find((x) => x.key === key)!.dueDate;
    expect(await dueFor(learner)).toBe('2026-04-30'); // 31 Jan + 3 months, calendar-correct
    expect(await dueFor(late)).toBe('2026-06-15');
    const [assignment] = (await mentor.caller.cohorts.get({ orgSlug: s, cohortId: cohort.id })).assignments;
    expect(assignment!.dueDate).toBe('2026-07-31');
    await mentor.caller.cohorts.updateAssignment({ orgSlug: s, assignmentId: assignment!.id, dueDate: '2026-05-10' });
    expect(await dueFor(learner)).toBe('2026-05-10');
    expect(await dueFor(late)).toBe('2026-05-10');
  });

  it('single skills to chosen learners only', async () => {
    const { mentor, learner, late, s, cohort, full } = await running('2026-09-01');
    const docker = full.skills.find((x) => x.key === 'docker')!;
    await mentor.caller.cohorts.assign({
      orgSlug: s,
      cohortId: cohort.id,
      skillIds: [docker.skillId],
      learnerIds: [late.user.id],
      dueDate: '2026-12-01',
    });
    const forLate = (await late.caller.progress.mine({ orgSlug: s })).cohorts[0]!;
    const forOther = (await learner.caller.progress.mine({ orgSlug: s })).cohorts[0]!;
    expect(forLate.skills.find((x) => x.key === 'docker')!.dueDate).toBe('2026-12-01');
    expect(forOther.skills.find((x) => x.key === 'docker')!.dueDate).toBeNull();
    await expectTrpcError(mentor.caller.cohorts.assign({ orgSlug: s, cohortId: cohort.id }), 'BAD_REQUEST');
    const stranger = await createUser(deps);
    await expectTrpcError(
      mentor.caller.cohorts.assign({
        orgSlug: s,
        cohortId: cohort.id,
        skillIds: [docker.skillId],
        learnerIds: [stranger.user.id],
      }),
      'NOT_FOUND',
    );
  });

  it('editing the roadmap never loses progress; a skill in two roadmaps counts once', async () => {
    const { owner, learner, s, roadmapId, full } = await running('2026-09-01');
    const sql = full.skills.find((x) => x.key === 'sql-basics')!;
    await learner.caller.progress.markLearning({ orgSlug: s, skillId: sql.skillId, learning: true });
    const status = async () =>
      (await learner.caller.progress.mine({ orgSlug: s })).cohorts[0]!.skills.find((x) => x.skillId === sql.skillId)
        ?.status;
    expect(await status()).toBe('learning');
    // rename, move window, move stage, archive, restore
    await owner.caller.roadmaps.updateSkill({
      orgSlug: s,
      roadmapId,
      skillId: sql.skillId,
      title: 'SQL',
      startMonth: 1,
      endMonth: 4,
      stageId: full.stages[1]!.id,
    });
    expect(await status()).toBe('learning');
    await owner.caller.roadmaps.setSkillArchived({ orgSlug: s, roadmapId, skillId: sql.skillId, archived: true });
    expect(await status()).toBeUndefined();
    await owner.caller.roadmaps.setSkillArchived({ orgSlug: s, roadmapId, skillId: sql.skillId, archived: false });
    expect(await status()).toBe('learning');
    // a second roadmap placing the same catalogue skill sees the same progress
    const copy = await owner.caller.roadmaps.duplicate({ orgSlug: s, roadmapId, title: 'Second path' });
    const c2 = await owner.caller.cohorts.create({
      orgSlug: s,
      name: 'Second',
      roadmapId: copy.id,
      startDate: '2026-09-01',
    });
    await owner.caller.cohorts.addMembers({
      orgSlug: s,
      cohortId: c2.id,
      members: [{ userId: learner.user.id, role: 'learner' }],
    });
    const both = (await learner.caller.progress.mine({ orgSlug: s })).cohorts;
    expect(both).toHaveLength(2);
    for (const view of both) expect(view.skills.find((x) => x.skillId === sql.skillId)?.status).toBe('learning');
    // take the mark back
    await learner.caller.progress.markLearning({ orgSlug: s, skillId: sql.skillId, learning: false });
    expect(await status()).toBeNull();
  });
});

describe('archived stages and cohort invitations by mentors', () => {
  it('archives a stage with its skills and restores both', async () => {
    const { owner, s, roadmapId, full } = await orgWithRoadmap();
    const stage = full.stages[1]!;
    const inStage = full.skills.filter((x) => x.stageId === stage.id).map((x) => x.skillId);
    // one skill archived on its own before: it stays archived on restore
    await owner.caller.roadmaps.setSkillArchived({ orgSlug: s, roadmapId, skillId: inStage[0]!, archived: true });
    await owner.caller.roadmaps.archiveStage({ orgSlug: s, stageId: stage.id });
    let now = await owner.caller.roadmaps.get({ orgSlug: s, roadmapId });
    expect(now.stages.map((x) => x.id)).not.toContain(stage.id);
    expect(now.skills.filter((x) => inStage.includes(x.skillId))).toHaveLength(0);
    await owner.caller.roadmaps.archiveStage({ orgSlug: s, stageId: stage.id, archived: false });
    now = await owner.caller.roadmaps.get({ orgSlug: s, roadmapId });
    expect(now.stages.map((x) => x.id)).toContain(stage.id);
    expect(
      now.skills
        .filter((x) => inStage.includes(x.skillId))
        .map((x) => x.skillId)
        .sort(),
    ).toEqual(inStage.slice(1).sort());
    const actions = (await owner.caller.org.audit({ orgSlug: s, page: 1, pageSize: 5 })).items.map((e) => e.action);
    expect(actions).toContain('stage.restored');
  });

  it('a mentor invites learners (not mentors) straight into a cohort they mentor', async () => {
    const { owner, s, roadmapId } = await orgWithRoadmap();
    const mentor = await addMember(deps, owner, s, 'mentor');
    const cohort = await mentor.caller.cohorts.create({
      orgSlug: s,
      name: 'Mentor-run',
      roadmapId,
      startDate: '2026-09-01',
    });
    const inv = await mentor.caller.cohorts.invite({
      orgSlug: s,
      cohortId: cohort.id,
      email: 'new-learner@example.test',
      role: 'learner',
    });
    const learner = await createUser(deps, { email: 'new-learner@example.test' });
    await learner.caller.invitations.accept({ token: inv.link.split('/invite/')[1]! });
    expect((await learner.caller.org.get({ orgSlug: s })).role).toBe('learner');
    expect(
      (await mentor.caller.cohorts.get({ orgSlug: s, cohortId: cohort.id })).members.map((m) => m.role).sort(),
    ).toEqual(['learner', 'mentor']);
    await expectTrpcError(
      mentor.caller.cohorts.invite({
        orgSlug: s,
        cohortId: cohort.id,
        email: 'other-mentor@example.test',
        role: 'mentor',
      }),
      'FORBIDDEN',
    );
    await expectTrpcError(
      mentor.caller.invitations.create({ orgSlug: s, email: 'x@example.test', role: 'learner' }),
      'FORBIDDEN',
    );
  });
});
