import { notifications, repoAnalyses, submissions, users } from '@masar/drizzle';
import { withScope } from '@masar/server';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type TestDeps, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { expectTrpcError } from '../helpers/errors';
import { addMember, createOrg, createUser, tokenOf, uniqueEmail } from '../helpers/factories';
import { type FakeGithub, startFakeGithub } from '../helpers/fake-github';

/** Issue #23: the first hour of a new organisation, on the server side (decision 022). */
let database: TestDatabase;
let deps: TestDeps;
let github: FakeGithub;

beforeAll(async () => {
  database = await createTestDatabase();
  github = await startFakeGithub();
  deps = testDeps(database, { GITHUB_API_URL: github.url });
});
afterAll(async () => {
  await github?.close();
  await database?.destroy();
});

async function newOrg() {
  const owner = await createUser(deps, { name: 'Owner' });
  const org = await createOrg(owner);
  const [roadmap] = await owner.caller.roadmaps.list({ orgSlug: org.slug });
  const full = await owner.caller.roadmaps.get({ orgSlug: org.slug, roadmapId: roadmap!.id });
  return { owner, s: org.slug, orgId: org.id, roadmapId: roadmap!.id, full };
}

const countRows = (orgId: string, table: typeof submissions | typeof repoAnalyses | typeof notifications) =>
  withScope(database, { orgId }, async (tx) => (await tx.select().from(table).where(eq(table.orgId, orgId))).length);

describe('a cohort gets a mentor and a checklist', () => {
  it('makes the creator a mentor, and the checklist follows the steps until it is done', async () => {
    const { owner, s, roadmapId, full } = await newOrg();
    expect(await owner.caller.cohorts.gettingStarted({ orgSlug: s })).toMatchObject({
      cohorts: 0,
      latestCohort: null,
      withoutMentorCount: 0,
      assigned: false,
      learnersOrInvited: false,
    });
    const cohort = await owner.caller.cohorts.create({ orgSlug: s, name: 'First', roadmapId, startDate: '2026-12-01' });
    const got = await owner.caller.cohorts.get({ orgSlug: s, cohortId: cohort.id });
    expect(got.members).toEqual([expect.objectContaining({ userId: owner.user.id, role: 'mentor' })]);
    const listed = await owner.caller.cohorts.list({ orgSlug: s });
    expect(listed.items[0]).toMatchObject({ id: cohort.id, mentorCount: 1, learnerCount: 0 });
    expect(await owner.caller.cohorts.gettingStarted({ orgSlug: s })).toMatchObject({
      cohorts: 1,
      latestCohort: { id: cohort.id, name: 'First' },
      withoutMentorCount: 0,
      assigned: false,
      learnersOrInvited: false,
    });

    // the creator steps back: the cohort has no mentor, and the checklist says so
    await owner.caller.cohorts.removeMember({ orgSlug: s, cohortId: cohort.id, userId: owner.user.id });
    const noMentor = await owner.caller.cohorts.gettingStarted({ orgSlug: s });
    expect(noMentor).toMatchObject({ withoutMentorCount: 1, withoutMentor: [{ id: cohort.id, name: 'First' }] });
    expect((await owner.caller.cohorts.list({ orgSlug: s })).items[0]).toMatchObject({ mentorCount: 0 });
    await owner.caller.cohorts.addMembers({
      orgSlug: s,
      cohortId: cohort.id,
      members: [{ userId: owner.user.id, role: 'mentor' }],
    });

    const stage = full.stages[0]!;
    await owner.caller.cohorts.assign({ orgSlug: s, cohortId: cohort.id, stageId: stage.id });
    expect(await owner.caller.cohorts.gettingStarted({ orgSlug: s })).toMatchObject({ assigned: true });

    // an invitation on its way counts, and shows in the cohort (not "no one is in this cohort")
    const email = uniqueEmail('learner');
    const inv = await owner.caller.cohorts.invite({ orgSlug: s, cohortId: cohort.id, email, role: 'learner' });
    expect(await owner.caller.cohorts.gettingStarted({ orgSlug: s })).toMatchObject({ learnersOrInvited: true });
    const pending = (await owner.caller.cohorts.get({ orgSlug: s, cohortId: cohort.id })).pendingInvitations;
    expect(pending).toEqual([expect.objectContaining({ id: inv.id, email, role: 'learner' })]);
    // accepted: a member now, no longer pending
    const learner = await createUser(deps, { email, name: 'New Learner' });
    await learner.caller.invitations.accept({ token: tokenOf(inv.link) });
    const after = await owner.caller.cohorts.get({ orgSlug: s, cohortId: cohort.id });
    expect(after.pendingInvitations).toEqual([]);
    expect(after.members.map((m) => m.role).sort()).toEqual(['learner', 'mentor']);
  });

  it('a mentor creating a cohort mentors it; viewers and learners do not see pending invitations', async () => {
    const { owner, s, roadmapId } = await newOrg();
    const mentor = await addMember(deps, owner, s, 'mentor', 'Mentor');
    const viewer = await addMember(deps, owner, s, 'viewer', 'Viewer');
    const cohort = await mentor.caller.cohorts.create({ orgSlug: s, name: 'M', roadmapId, startDate: '2026-12-01' });
    await mentor.caller.cohorts.invite({ orgSlug: s, cohortId: cohort.id, email: uniqueEmail(), role: 'learner' });
    const asMentor = await mentor.caller.cohorts.get({ orgSlug: s, cohortId: cohort.id });
    expect(asMentor.members).toEqual([expect.objectContaining({ userId: mentor.user.id, role: 'mentor' })]);
    expect(asMentor.pendingInvitations).toHaveLength(1);
    expect((await viewer.caller.cohorts.get({ orgSlug: s, cohortId: cohort.id })).pendingInvitations).toEqual([]);
    await expectTrpcError(viewer.caller.cohorts.gettingStarted({ orgSlug: s }), 'FORBIDDEN');
  });
});

describe('a submission: a repository GitHub shows, and the truth about who was told', () => {
  async function cohortWithLearner(opts: { mentor: boolean }) {
    const o = await newOrg();
    const cohort = await o.owner.caller.cohorts.create({
      orgSlug: o.s,
      name: 'C',
      roadmapId: o.roadmapId,
      startDate: '2026-12-01',
    });
    if (!opts.mentor) {
      await o.owner.caller.cohorts.removeMember({ orgSlug: o.s, cohortId: cohort.id, userId: o.owner.user.id });
    }
    const learner = await addMember(deps, o.owner, o.s, 'learner', 'Learner');
    await o.owner.caller.cohorts.addMembers({
      orgSlug: o.s,
      cohortId: cohort.id,
      members: [{ userId: learner.user.id, role: 'learner' }],
    });
    const brief = o.full.briefs[0]!;
    const submit = (repo: string, c = learner) =>
      c.caller.submissions.submit({
        orgSlug: o.s,
        cohortId: cohort.id,
        repoUrl: `https://github.com/${repo}`,
        briefId: brief.id,
        title: `Work ${repo}`,
      });
    return { ...o, cohort, learner, submit };
  }

  it('says the mentors were notified only when there was one to notify', async () => {
    const withMentor = await cohortWithLearner({ mentor: true });
    const told = await withMentor.submit('acme/node-api');
    expect(told.mentorsNotified).toBe(true);
    const inbox = await withMentor.owner.caller.notifications.list({ orgSlug: withMentor.s, page: 1, pageSize: 5 });
    expect(inbox.items.map((n) => n.kind)).toEqual(['submission.new']);

    const without = await cohortWithLearner({ mentor: false });
    const alone = await without.submit('acme/node-api');
    expect(alone).toMatchObject({ revision: 1, mentorsNotified: false });
    expect(await countRows(without.orgId, notifications)).toBe(0);
  });

  it('refuses a missing or private repository before accepting anything', async () => {
    const { submit, orgId } = await cohortWithLearner({ mentor: true });
    github.resetCalls();
    for (const repo of ['acme/does-not-exist', 'acme/private-thing']) {
      const e = await expectTrpcError(submit(repo), 'BAD_REQUEST', 'errors.submission.repoNotFound');
      expect(e.cause).toMatchObject({ field: 'repoUrl' });
    }
    // one GET /repos/{owner}/{repo} each, nothing written, no analysis queued, nobody told
    expect(github.calls.map((c) => c.path)).toEqual(['/repos/acme/does-not-exist', '/repos/acme/private-thing']);
    expect(await countRows(orgId, submissions)).toBe(0);
    expect(await countRows(orgId, repoAnalyses)).toBe(0);
    expect(await countRows(orgId, notifications)).toBe(0);
    expect(deps.jobs.queued.filter((q) => q.job.orgId === orgId)).toHaveLength(0);
  });

  it('accepts when GitHub cannot say (rate limit, outage) and leaves it to the analysis, which retries', async () => {
    const { submit, orgId, learner, s } = await cohortWithLearner({ mentor: true });
    // acme/limited answers its repository endpoint with a rate limit
    const limited = await submit('acme/limited');
    expect(limited).toMatchObject({ revision: 1, mentorsNotified: true });
    // GitHub unreachable: a closed port
    const offline = testDeps(database, { GITHUB_API_URL: 'http://127.0.0.1:9' });
    const learnerOffline = await client(offline, { token: learner.jar.token });
    const accepted = await submit('acme/django-shop', { ...learner, caller: learnerOffline.caller });
    expect(accepted.revision).toBe(1);
    expect(await countRows(orgId, submissions)).toBe(2);
    // the analysis is queued for both and retries on its own (decision 009)
    const mine = await learner.caller.submissions.mine({ orgSlug: s, page: 1, pageSize: 10 });
    expect(mine.items).toHaveLength(2);
    expect(offline.jobs.queued.map((q) => q.job.submissionId)).toEqual([accepted.submissionId]);
  });
});

describe('members search and sign-up with a GitHub login', () => {
  it('finds members by name or email, paged, server-side', async () => {
    const { owner, s } = await newOrg();
    await addMember(deps, owner, s, 'learner', 'Salma Hassan');
    await addMember(deps, owner, s, 'learner', 'Omar Said');
    await addMember(deps, owner, s, 'mentor', 'Salma Adel');
    const byName = await owner.caller.members.list({ orgSlug: s, page: 1, pageSize: 1, q: 'salma' });
    expect(byName.total).toBe(2);
    expect(byName.items.map((m) => m.name)).toEqual(['Salma Adel']);
    const page2 = await owner.caller.members.list({ orgSlug: s, page: 2, pageSize: 1, q: 'SALMA' });
    expect(page2.items.map((m) => m.name)).toEqual(['Salma Hassan']);
    const byEmail = await owner.caller.members.list({ orgSlug: s, page: 1, pageSize: 10, q: 'mentor-' });
    expect(byEmail.items.map((m) => m.name)).toEqual(['Salma Adel']);
    // LIKE wildcards are literal
    expect((await owner.caller.members.list({ orgSlug: s, page: 1, pageSize: 10, q: '%' })).total).toBe(0);
    expect((await owner.caller.members.list({ orgSlug: s, page: 1, pageSize: 10, q: '' })).total).toBe(4);
  });

  it('an organisation speaks the language of its creator (the web app sends the one on screen)', async () => {
    const owner = await createUser(deps);
    const ar = await owner.caller.org.create({
      name: 'أكاديمية',
      slug: `ar-${Date.now()}`,
      kind: 'bootcamp',
      defaultLocale: 'ar',
    });
    expect((await owner.caller.org.get({ orgSlug: ar.slug })).defaultLocale).toBe('ar');
    const plain = await createOrg(owner);
    expect((await owner.caller.org.get({ orgSlug: plain.slug })).defaultLocale).toBe('en');
  });

  it('stores an optional GitHub login at sign-up and refuses a malformed one', async () => {
    const c = await client(deps);
    const u = await c.caller.auth.signUp({
      name: 'Gh',
      email: uniqueEmail(),
      password: 'a-fine-password-77',
      githubLogin: ' octo-cat ',
    });
    const [row] = await database.db.select().from(users).where(eq(users.id, u.id));
    expect(row!.githubLogin).toBe('octo-cat');
    const none = await (await client(deps)).caller.auth.signUp({
      name: 'No Gh',
      email: uniqueEmail(),
      password: 'a-fine-password-77',
      githubLogin: '',
    });
    const [row2] = await database.db.select().from(users).where(eq(users.id, none.id));
    expect(row2!.githubLogin).toBeNull();
    const bad = await expectTrpcError(
      (await client(deps)).caller.auth.signUp({
        name: 'Bad',
        email: uniqueEmail(),
        password: 'a-fine-password-77',
        githubLogin: '-bad-',
      }),
      'BAD_REQUEST',
    );
    expect(bad.message).toContain('errors.githubLogin.invalid');
  });
});
