import { auditEvents, cohortMembers, emailOutbox, notifications } from '@masar/drizzle';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '../../server/src/db/tenant';
import { client, type TestDeps, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { codeOf, expectTrpcError } from '../helpers/errors';
import { addMember, createOrg, createUser, reviewAsSeen, type TestUser } from '../helpers/factories';
import { freePort } from '../helpers/server-process';

/**
 * Row scope inside one organisation (issue #15, docs/decisions/021-row-scope-and-consent.md):
 * access follows the org role on the next request; consent decides who reads mentors' comments;
 * removal ends cohort roles, mail and portfolio links. Each case is a regression test of a flaw
 * found by trying it as an ordinary account.
 */
let database: TestDatabase;
let deps: TestDeps;

interface World {
  slug: string;
  orgId: string;
  owner: TestUser;
  admin: TestUser;
  mentorA: TestUser;
  mentorB: TestUser;
  learner1: TestUser;
  learner2: TestUser;
  learner3: TestUser;
  viewer: TestUser;
  cohortA: string;
  cohortB: string;
  skillId: string;
  sub1: string;
  sub3: string;
}

/** Two cohorts with their own mentor; learners 1 and 2 in A, learner 3 in B; learner 1's work reviewed with a comment. */
async function world(): Promise<World> {
  const owner = await createUser(deps, { name: 'Owner' });
  const org = await createOrg(owner);
  const slug = org.slug;
  const [admin, mentorA, mentorB, learner1, learner2, learner3, viewer] = await Promise.all([
    addMember(deps, owner, slug, 'admin', 'Admin'),
    addMember(deps, owner, slug, 'mentor', 'Mentor A'),
    addMember(deps, owner, slug, 'mentor', 'Mentor B'),
    addMember(deps, owner, slug, 'learner', 'Learner One'),
    addMember(deps, owner, slug, 'learner', 'Learner Two'),
    addMember(deps, owner, slug, 'learner', 'Learner Three'),
    addMember(deps, owner, slug, 'viewer', 'Viewer'),
  ]);
  const c = owner.caller;
  const [roadmap] = await c.roadmaps.list({ orgSlug: slug });
  const full = await c.roadmaps.get({ orgSlug: slug, roadmapId: roadmap!.id });
  const skillId = full.skills[0]!.skillId;
  const mk = (name: string) =>
    c.cohorts.create({ orgSlug: slug, name, roadmapId: roadmap!.id, startDate: '2026-09-01' });
  const [a, b] = [await mk('Cohort A'), await mk('Cohort B')];
  await c.cohorts.addMembers({
    orgSlug: slug,
    cohortId: a.id,
    members: [
      { userId: mentorA.user.id, role: 'mentor' },
      { userId: learner1.user.id, role: 'learner' },
      { userId: learner2.user.id, role: 'learner' },
    ],
  });
  await c.cohorts.addMembers({
    orgSlug: slug,
    cohortId: b.id,
    members: [
      { userId: mentorB.user.id, role: 'mentor' },
      { userId: learner3.user.id, role: 'learner' },
    ],
  });
  const submit = (u: TestUser, cohortId: string, repo: string) =>
    u.caller.submissions.submit({
      orgSlug: slug,
      cohortId,
      repoUrl: `https://github.com/acme/${repo}`,
      claimedSkillIds: [skillId],
      title: repo,
    });
  const s1 = await submit(learner1, a.id, 'one-api');
  const s3 = await submit(learner3, b.id, 'three-api');
  await reviewAsSeen(mentorA, {
    orgSlug: slug,
    submissionId: s1.submissionId,
    revision: 1,
    decision: 'approved',
    comment: 'Private mentor note: solid work',
    ratings: [{ skillId, rating: 'demonstrated' }],
  });
  const orgRow = await c.org.get({ orgSlug: slug });
  return {
    slug,
    orgId: orgRow.id,
    owner,
    admin,
    mentorA,
    mentorB,
    learner1,
    learner2,
    learner3,
    viewer,
    cohortA: a.id,
    cohortB: b.id,
    skillId,
    sub1: s1.submissionId,
    sub3: s3.submissionId,
  };
}

let url = '';
let server: { close(): Promise<void> } | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = testDeps(database, { AUTH_RATE_LIMIT: '1000', MUTATION_RATE_LIMIT: '10000' });
  const { startServer, loadConfig } = await import('@masar/server');
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = await startServer(
    loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: String(port), PUBLIC_URL: url, JOBS_ENABLED: 'false' }),
    { database },
  );
});
afterAll(async () => {
  await server?.close();
  await database?.destroy();
});

/** A CSV export over HTTP with the member's session cookie. */
function csv(u: TestUser, w: World, cohortId: string, file: 'progress.csv' | 'reviews.csv') {
  return fetch(`${url}/export/${w.slug}/cohorts/${cohortId}/${file}?lang=en`, {
    headers: { cookie: `masar_session=${u.jar.token}` },
  });
}

describe('row scope inside one organisation', () => {
  it('a mentor sees the cohort they mentor and nothing of another cohort', async () => {
    const w = await world();
    const m = w.mentorA.caller;
    expect((await m.submissions.get({ orgSlug: w.slug, submissionId: w.sub1 })).submission.id).toBe(w.sub1);
    expect(await codeOf(m.submissions.get({ orgSlug: w.slug, submissionId: w.sub3 }))).toBe('NOT_FOUND');
    expect(await codeOf(m.cohorts.get({ orgSlug: w.slug, cohortId: w.cohortB }))).toBe('NOT_FOUND');
    expect(
      await codeOf(m.dashboards.learner({ orgSlug: w.slug, cohortId: w.cohortB, learnerId: w.learner3.user.id })),
    ).toBe('NOT_FOUND');
    const queue = await m.submissions.queue({ orgSlug: w.slug, status: 'all', page: 1, pageSize: 50 });
    expect(queue.items.map((i) => i.id)).toEqual([w.sub1]);
    expect((await m.cohorts.list({ orgSlug: w.slug, page: 1, pageSize: 50 })).items.map((c) => c.name)).toEqual([
      'Cohort A',
    ]);
    // admins see both cohorts' work
    const all = await w.admin.caller.submissions.queue({ orgSlug: w.slug, status: 'all', page: 1, pageSize: 50 });
    expect(all.items.map((i) => i.id).sort()).toEqual([w.sub1, w.sub3].sort());
  });

  it('a learner reads only their own work, not a classmate’s', async () => {
    const w = await world();
    const l2 = w.learner2.caller;
    expect(await codeOf(l2.submissions.get({ orgSlug: w.slug, submissionId: w.sub1 }))).toBe('NOT_FOUND');
    expect(
      await codeOf(l2.dashboards.learner({ orgSlug: w.slug, cohortId: w.cohortA, learnerId: w.learner1.user.id })),
    ).toBe('NOT_FOUND');
    expect(
      await codeOf(l2.readiness.get({ orgSlug: w.slug, cohortId: w.cohortA, learnerId: w.learner1.user.id })),
    ).toBe('NOT_FOUND');
    const own = await l2.dashboards.learner({ orgSlug: w.slug, cohortId: w.cohortA, learnerId: w.learner2.user.id });
    expect(own.learner.name).toBe('Learner Two');
  });

  it('a mentor demoted to learner loses their cohort on the next request, with an audit entry', async () => {
    const w = await world();
    const m = w.mentorA.caller;
    const input = { orgSlug: w.slug, cohortId: w.cohortA, learnerId: w.learner1.user.id };
    expect(await codeOf(m.readiness.get(input))).toBe('OK');
    expect((await csv(w.mentorA, w, w.cohortA, 'progress.csv')).status).toBe(200);
    const before = await m.notifications.list({ orgSlug: w.slug, page: 1, pageSize: 10 });
    expect(before.items.map((n) => n.kind)).toEqual(['submission.new']);
    await w.owner.caller.members.changeRole({ orgSlug: w.slug, userId: w.mentorA.user.id, role: 'learner' });
    // the same session, the next request
    expect(await codeOf(m.submissions.get({ orgSlug: w.slug, submissionId: w.sub1 }))).toBe('NOT_FOUND');
    expect(await codeOf(m.dashboards.learner(input))).toBe('NOT_FOUND');
    expect(await codeOf(m.readiness.get(input))).toBe('NOT_FOUND');
    expect(await codeOf(m.submissions.reanalyse({ orgSlug: w.slug, submissionId: w.sub1 }))).toBe('NOT_FOUND');
    expect(await codeOf(m.submissions.queue({ orgSlug: w.slug, page: 1, pageSize: 10 }))).toBe('FORBIDDEN');
    expect((await csv(w.mentorA, w, w.cohortA, 'progress.csv')).status).toBe(403);
    expect((await csv(w.mentorA, w, w.cohortA, 'reviews.csv')).status).toBe(403);
    // their old notices about the cohort's submissions went with it
    const after = await m.notifications.list({ orgSlug: w.slug, page: 1, pageSize: 10 });
    expect(after).toMatchObject({ items: [], total: 0, unread: 0 });
    expect(await m.notifications.unreadCount({ orgSlug: w.slug })).toEqual({ unread: 0 });
    // the cohort no longer lists them as its mentor
    const cohort = await w.owner.caller.cohorts.get({ orgSlug: w.slug, cohortId: w.cohortA });
    expect(cohort.members.filter((x) => x.userId === w.mentorA.user.id)).toEqual([]);
    const audit = await w.owner.caller.org.audit({ orgSlug: w.slug, page: 1, pageSize: 5 });
    const entry = audit.items.find((e) => e.action === 'member.role_changed');
    expect(entry?.details).toMatchObject({ from: 'mentor', to: 'learner', mentorOf: [w.cohortA] });
  });

  it('a learner or viewer cannot be made a cohort mentor; nothing is written', async () => {
    const w = await world();
    const add = w.owner.caller.cohorts.addMembers({
      orgSlug: w.slug,
      cohortId: w.cohortA,
      members: [{ userId: w.learner2.user.id, role: 'mentor' }],
    });
    await expectTrpcError(add, 'BAD_REQUEST', 'errors.cohort.mentorNeedsRole');
    expect(
      await codeOf(
        w.owner.caller.cohorts.addMembers({
          orgSlug: w.slug,
          cohortId: w.cohortA,
          members: [{ userId: w.viewer.user.id, role: 'mentor' }],
        }),
      ),
    ).toBe('BAD_REQUEST');
    // nothing was written: learner two is still only a learner of cohort A
    const cohort = await w.owner.caller.cohorts.get({ orgSlug: w.slug, cohortId: w.cohortA });
    expect(cohort.members.find((x) => x.userId === w.learner2.user.id)?.role).toBe('learner');
    expect(await codeOf(w.learner2.caller.submissions.get({ orgSlug: w.slug, submissionId: w.sub1 }))).toBe(
      'NOT_FOUND',
    );
    // a mentor may still be added as one
    await w.owner.caller.cohorts.addMembers({
      orgSlug: w.slug,
      cohortId: w.cohortA,
      members: [{ userId: w.mentorB.user.id, role: 'mentor' }],
    });
    expect((await w.mentorB.caller.submissions.get({ orgSlug: w.slug, submissionId: w.sub1 })).submission.id).toBe(
      w.sub1,
    );
  });
});

describe('consent: who reads mentors’ comments', () => {
  it('a viewer sees comments in submission.get, readiness and reviews.csv only after the learner shares them', async () => {
    const w = await world();
    const v = w.viewer.caller;
    const ref = { orgSlug: w.slug, submissionId: w.sub1 };
    const hidden = await v.submissions.get(ref);
    expect(hidden.commentsVisible).toBe(false);
    expect(hidden.reviews.map((r) => r.comment)).toEqual([null]);
    expect(hidden.reviews[0]!.ratings).toHaveLength(1); // ratings and decisions are not private
    const rd = { orgSlug: w.slug, cohortId: w.cohortA, learnerId: w.learner1.user.id };
    expect((await v.readiness.get(rd)).approvedRepos[0]!.comments).toEqual([]);
    // the mentor, an admin and the learner always see it
    for (const u of [w.mentorA, w.admin, w.learner1]) {
      expect((await u.caller.submissions.get(ref)).reviews[0]!.comment).toBe('Private mentor note: solid work');
    }

    const reviewsCsv = async (u: TestUser) => (await csv(u, w, w.cohortA, 'reviews.csv')).text();
    expect(await reviewsCsv(w.viewer)).not.toContain('Private mentor note');
    expect(await reviewsCsv(w.viewer)).toContain('one-api,Learner One,acme/one-api,1,Approved,Mentor A,');
    expect(await reviewsCsv(w.mentorA)).toContain('Private mentor note');

    await w.learner1.caller.readiness.setConsent({ orgSlug: w.slug, shareComments: true });
    const shown = await v.submissions.get(ref);
    expect(shown.commentsVisible).toBe(true);
    expect(shown.reviews[0]!.comment).toBe('Private mentor note: solid work');
    expect((await v.readiness.get(rd)).approvedRepos[0]!.comments.map((c) => c.comment)).toEqual([
      'Private mentor note: solid work',
    ]);
    expect(await reviewsCsv(w.viewer)).toContain('Private mentor note');
  });
});

describe('re-analysis', () => {
  it('a viewer may not start one; the learner and the cohort’s mentor may, and ten calls queue one job', async () => {
    const w = await world();
    const ref = { orgSlug: w.slug, submissionId: w.sub1 };
    await deps.jobs.drain({ all: true });
    expect(await codeOf(w.viewer.caller.submissions.reanalyse(ref))).toBe('FORBIDDEN');
    expect(await codeOf(w.mentorB.caller.submissions.reanalyse(ref))).toBe('NOT_FOUND');
    expect(deps.jobs.queued).toHaveLength(0);
    const results = [];
    for (let i = 0; i < 10; i++) results.push(await w.learner1.caller.submissions.reanalyse(ref));
    expect(results.map((r) => r.queued)).toEqual([true, ...Array(9).fill(false)]);
    expect(await w.mentorA.caller.submissions.reanalyse(ref)).toEqual({ queued: false });
    expect(deps.jobs.queued.filter((q) => q.job.submissionId === w.sub1)).toHaveLength(1);
    // concurrent calls cannot both queue
    await deps.jobs.drain({ all: true });
    const together = await Promise.all(Array.from({ length: 5 }, () => w.learner1.caller.submissions.reanalyse(ref)));
    expect(together.filter((r) => r.queued)).toHaveLength(1);
    expect(deps.jobs.queued.filter((q) => q.job.submissionId === w.sub1)).toHaveLength(1);
    await deps.jobs.drain({ all: true });
  });
});

describe('removal takes effect everywhere', () => {
  it('a removed mentor gets no email or notification about a new submission in their former cohort', async () => {
    const w = await world();
    await w.owner.caller.members.remove({ orgSlug: w.slug, userId: w.mentorB.user.id });
    await withScope(database, { orgId: w.orgId }, (tx) => tx.delete(emailOutbox));
    await w.learner3.caller.submissions.submit({
      orgSlug: w.slug,
      cohortId: w.cohortB,
      repoUrl: 'https://github.com/acme/three-second',
      claimedSkillIds: [w.skillId],
      title: 'Second',
    });
    const mail = await withScope(database, { orgId: w.orgId }, (tx) => tx.select().from(emailOutbox));
    expect(mail.map((m) => m.toEmail)).not.toContain(w.mentorB.user.email);
    const notes = await withScope(database, { orgId: w.orgId }, (tx) =>
      tx.select().from(notifications).where(eq(notifications.userId, w.mentorB.user.id)),
    );
    expect(notes.filter((n) => n.kind === 'submission.new')).toHaveLength(1); // only the one from before removal
    // they left the cohort's member list
    const rows = await withScope(database, { orgId: w.orgId }, (tx) =>
      tx
        .select()
        .from(cohortMembers)
        .where(and(eq(cohortMembers.orgId, w.orgId), eq(cohortMembers.userId, w.mentorB.user.id))),
    );
    expect(rows).toEqual([]);
    // and the digest skips them too: mentor A still gets one for cohort A's waiting work
    const mentorsNotified = async () => {
      await withScope(database, { orgId: w.orgId }, (tx) => tx.delete(emailOutbox));
      const later = deps.now;
      deps.now = () => new Date(Date.now() + 5 * 86_400_000);
      try {
        await deps.jobs.runDigest();
      } finally {
        deps.now = later;
      }
      return (await withScope(database, { orgId: w.orgId }, (tx) => tx.select().from(emailOutbox))).map(
        (m) => m.toEmail,
      );
    };
    expect(await mentorsNotified()).not.toContain(w.mentorB.user.email);
  });

  it('a removed member’s public portfolio stops at once; admins can take down any member’s link', async () => {
    const w = await world();
    const anon = await client(deps);
    const tokenOf = (link: string) => link.split('/p/')[1]!;
    const l2 = await w.learner2.caller.portfolios.publish({ orgSlug: w.slug });
    const l1 = await w.learner1.caller.portfolios.publish({ orgSlug: w.slug, includeComments: true });
    expect((await anon.caller.portfolios.view({ token: tokenOf(l2.link) })).name).toBe('Learner Two');
    const links = await w.admin.caller.portfolios.links({ orgSlug: w.slug, page: 1, pageSize: 10 });
    expect(links.items.map((l) => l.name).sort()).toEqual(['Learner One', 'Learner Two']);
    // a mentor cannot list or take down links
    expect(
      await codeOf(w.mentorA.caller.portfolios.revokeFor({ orgSlug: w.slug, learnerId: w.learner1.user.id })),
    ).toBe('FORBIDDEN');

    await w.owner.caller.members.remove({ orgSlug: w.slug, userId: w.learner2.user.id });
    expect(await codeOf(anon.caller.portfolios.view({ token: tokenOf(l2.link) }))).toBe('NOT_FOUND');

    await w.admin.caller.portfolios.revokeFor({ orgSlug: w.slug, learnerId: w.learner1.user.id });
    expect(await codeOf(anon.caller.portfolios.view({ token: tokenOf(l1.link) }))).toBe('NOT_FOUND');
    expect(await codeOf(w.admin.caller.portfolios.revokeFor({ orgSlug: w.slug, learnerId: w.learner1.user.id }))).toBe(
      'NOT_FOUND',
    );
    expect((await w.admin.caller.portfolios.links({ orgSlug: w.slug, page: 1, pageSize: 10 })).total).toBe(0);
    const audit = await withScope(database, { orgId: w.orgId }, (tx) =>
      tx.select().from(auditEvents).where(eq(auditEvents.orgId, w.orgId)),
    );
    expect(audit.find((a) => a.action === 'member.removed')?.details).toMatchObject({
      role: 'learner',
      cohorts: 1,
      portfolioLinksRevoked: 1,
    });
    expect(audit.some((a) => a.action === 'portfolio.revoked_by_admin' && a.targetId === w.learner1.user.id)).toBe(
      true,
    );
  });

  it('a removed learner’s waiting submissions leave the review queue; their reviewed history stays', async () => {
    const w = await world();
    await w.owner.caller.members.remove({ orgSlug: w.slug, userId: w.learner3.user.id });
    const queue = await w.admin.caller.submissions.queue({ orgSlug: w.slug, page: 1, pageSize: 50 });
    expect(queue.items.map((i) => i.id)).not.toContain(w.sub3);
    const gone = await w.admin.caller.submissions.get({ orgSlug: w.slug, submissionId: w.sub3 });
    expect(gone.submission.status).toBe('withdrawn');
    // learner one's approved work is untouched by another member's removal
    await w.owner.caller.members.remove({ orgSlug: w.slug, userId: w.mentorA.user.id });
    const kept = await w.admin.caller.submissions.get({ orgSlug: w.slug, submissionId: w.sub1 });
    expect(kept.submission.status).toBe('approved');
    expect(kept.reviews[0]!.comment).toBe('Private mentor note: solid work');
  });
});
