import { emailOutbox, repoAnalyses, skillProgress } from '@masar/drizzle';
import { withScope } from '@masar/server';
import { AnalysisSignalSchema } from '@masar/shared';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDeps, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { expectTrpcError } from '../helpers/errors';
import { addMember, createOrg, createUser, reviewAsSeen } from '../helpers/factories';
import { startFakeGithub } from '../helpers/fake-github';

let database: TestDatabase;
let deps: TestDeps;
let github: Awaited<ReturnType<typeof startFakeGithub>>;

beforeAll(async () => {
  database = await createTestDatabase();
  github = await startFakeGithub();
  // public repositories the tests submit besides the fixtures (a submission's repository must exist)
  for (const [i, name] of ['orders-api', 'a1', 'a2'].entries()) {
    github.addRepo({ ...github.repoDef('acme/node-api'), id: 9100 + i, name });
  }
  deps = testDeps(database, { GITHUB_API_URL: github.url });
});
afterAll(async () => {
  await github?.close();
  await database?.destroy();
});

async function cohortWithLearner() {
  const owner = await createUser(deps);
  const org = await createOrg(owner);
  const s = org.slug;
  const mentor = await addMember(deps, owner, s, 'mentor', 'Mentor');
  const mentor2 = await addMember(deps, owner, s, 'mentor', 'Mentor Two');
  const learner = await addMember(deps, owner, s, 'learner', 'Learner');
  const [roadmap] = await owner.caller.roadmaps.list({ orgSlug: s });
  const full = await owner.caller.roadmaps.get({ orgSlug: s, roadmapId: roadmap!.id });
  const cohort = await mentor.caller.cohorts.create({
    orgSlug: s,
    name: 'C',
    roadmapId: roadmap!.id,
    startDate: '2026-09-01',
  });
  await mentor.caller.cohorts.addMembers({
    orgSlug: s,
    cohortId: cohort.id,
    members: [
      { userId: learner.user.id, role: 'learner' },
      { userId: mentor2.user.id, role: 'mentor' },
    ],
  });
  const skill = (key: string) => full.skills.find((x) => x.key === key)!.skillId;
  const brief = (key: string) => full.briefs.find((x) => x.key === key)!.id;
  return { owner, mentor, mentor2, learner, s, cohort, full, skill, brief };
}

describe('submissions', () => {
  it('normalises the URL, refuses hostile ones with a clear message, and revises on resubmission', async () => {
    const { learner, s, cohort, skill, brief } = await cohortWithLearner();
    const bad = await expectTrpcError(
      learner.caller.submissions.submit({
        orgSlug: s,
        cohortId: cohort.id,
        repoUrl: 'https://github.com.evil.com/a/b',
        claimedSkillIds: [skill('testing')],
        title: 'x',
      }),
      'BAD_REQUEST',
      'errors.repoUrl.invalid',
    );
    expect(bad.cause).toMatchObject({ field: 'repoUrl' });
    const first = await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/node-api.git',
      briefId: brief('auth-api'),
      title: 'Auth API',
      note: 'first try',
    });
    expect(first).toMatchObject({ revision: 1, repo: 'acme/node-api' });
    const again = await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/node-api/tree/main/src',
      briefId: brief('auth-api'),
      title: 'Auth API v2',
      note: 'fixed the tests',
    });
    expect(again).toEqual({
      submissionId: first.submissionId,
      revision: 2,
      repo: 'acme/node-api',
      mentorsNotified: true,
    });
    const got = await learner.caller.submissions.get({ orgSlug: s, submissionId: first.submissionId });
    expect(got.revisions.map((r) => r.revision)).toEqual([2, 1]);
    // brief without claimed skills: claims the brief's skills
    expect(got.revisions[0]!.claimedSkillIds).toHaveLength(6);
    // a jobs was queued after commit, one per submission
    expect(deps.jobs.queued.filter((q) => q.job.submissionId === first.submissionId)).toHaveLength(2);
    await expectTrpcError(
      learner.caller.submissions.submit({
        orgSlug: s,
        cohortId: cohort.id,
        repoUrl: 'https://github.com/acme/django-shop',
        title: 'nothing',
      }),
      'BAD_REQUEST',
      'errors.submission.nothingClaimed',
    );
  });

  it("carries its brief's title and built-in key, so a title left as the brief's reads in each language (#23)", async () => {
    const { learner, mentor, s, cohort, full, brief } = await cohortWithLearner();
    const auth = full.briefs.find((b) => b.key === 'auth-api')!;
    const r = await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/node-api',
      briefId: brief('auth-api'),
      title: auth.title,
    });
    const got = await mentor.caller.submissions.get({ orgSlug: s, submissionId: r.submissionId });
    expect(got.submission).toMatchObject({ title: auth.title, briefTitle: auth.title, briefBuiltinKey: 'auth-api' });
    const [row] = (await mentor.caller.submissions.queue({ orgSlug: s })).items;
    expect(row).toMatchObject({ title: auth.title, briefTitle: auth.title, briefBuiltinKey: 'auth-api' });
    const [mine] = (await learner.caller.submissions.mine({ orgSlug: s })).items;
    expect(mine).toMatchObject({ briefTitle: auth.title });
  });

  it('withdraws a submission that is not approved', async () => {
    const { learner, s, cohort, skill } = await cohortWithLearner();
    const sub = await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/django-shop',
      claimedSkillIds: [skill('testing')],
      title: 'Shop',
    });
    expect(await learner.caller.submissions.withdraw({ orgSlug: s, submissionId: sub.submissionId })).toMatchObject({
      status: 'withdrawn',
    });
    await expectTrpcError(
      learner.caller.submissions.withdraw({ orgSlug: s, submissionId: sub.submissionId }),
      'CONFLICT',
    );
  });
});

describe('analysis job', () => {
  it('runs against the fake GitHub API and stores signals and suggested skills', async () => {
    const { learner, mentor, s, cohort, brief } = await cohortWithLearner();
    const sub = await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/node-api',
      briefId: brief('auth-api'),
      title: 'API',
    });
    expect((await mentor.caller.submissions.get({ orgSlug: s, submissionId: sub.submissionId })).analysis?.status).toBe(
      'queued',
    );
    await deps.jobs.drain();
    const got = await mentor.caller.submissions.get({ orgSlug: s, submissionId: sub.submissionId });
    expect(got.analysis).toMatchObject({ status: 'done' });
    const result = got.analysis!.result as { suggestedSkills: string[]; signals: unknown[] };
    expect(result.suggestedSkills).toEqual(
      expect.arrayContaining(['backend-language', 'testing', 'ci-cd', 'docker', 'authentication']),
    );
    // evidence is stored as items without words: the web app says them in the reader's language
    const signals = result.signals.map((x) => AnalysisSignalSchema.parse(x));
    expect(signals.find((x) => x.key === 'framework')?.evidence).toEqual([
      { kind: 'dependency', manifest: 'package.json', name: 'express' },
    ]);
    expect(signals.every((x) => Array.isArray(x.evidence))).toBe(true);
    expect(got.analysis!.apiCalls).toBeLessThanOrEqual(6);
  });

  it('a result stored with English evidence strings still reads; the next analysis reads the repository again', async () => {
    const { learner, mentor, s, cohort, skill } = await cohortWithLearner();
    const sub = await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/node-api',
      claimedSkillIds: [skill('git')],
      title: 'Old evidence',
    });
    await deps.jobs.drain();
    const orgId = (await mentor.caller.org.get({ orgSlug: s })).id;
    const where = and(eq(repoAnalyses.orgId, orgId), eq(repoAnalyses.submissionId, sub.submissionId));
    const [stored] = await withScope(database, { orgId }, (tx) => tx.select().from(repoAnalyses).where(where));
    const legacy = {
      ...(stored!.result as Record<string, unknown>),
      signals: [
        {
          key: 'framework',
          skillKeys: ['backend-language', 'first-api'],
          evidence: 'package.json: dependency express',
        },
        { key: 'tests', skillKeys: ['testing'], evidence: 'test/auth.test.ts (+1 more)' },
      ],
    };
    await withScope(database, { orgId }, (tx) => tx.update(repoAnalyses).set({ result: legacy }).where(where));

    const old = await mentor.caller.submissions.get({ orgSlug: s, submissionId: sub.submissionId });
    const oldSignals = (old.analysis!.result as { signals: unknown[] }).signals.map((x) =>
      AnalysisSignalSchema.parse(x),
    );
    expect(oldSignals.map((x) => x.evidence)).toEqual([
      'package.json: dependency express',
      'test/auth.test.ts (+1 more)',
    ]);

    // nothing changed on GitHub, but a 304 must not keep the English strings: the repository is read again
    github.resetCalls();
    await mentor.caller.submissions.reanalyse({ orgSlug: s, submissionId: sub.submissionId });
    await deps.jobs.drain();
    expect(github.calls[0]?.headers['if-none-match']).toBeUndefined();
    const fresh = await mentor.caller.submissions.get({ orgSlug: s, submissionId: sub.submissionId });
    expect(fresh.analysis).toMatchObject({ status: 'done', reason: null });
    const freshSignals = (fresh.analysis!.result as { signals: unknown[] }).signals.map((x) =>
      AnalysisSignalSchema.parse(x),
    );
    expect(freshSignals.find((x) => x.key === 'tests')?.evidence).toEqual([
      { kind: 'file', path: 'test/auth.test.ts' },
      { kind: 'more', count: 1 },
    ]);
    // and the analysis after that reuses the structured result on a 304
    github.resetCalls();
    await mentor.caller.submissions.reanalyse({ orgSlug: s, submissionId: sub.submissionId });
    await deps.jobs.drain();
    expect(github.calls[0]?.headers['if-none-match']).toBeTruthy();
    const again = await mentor.caller.submissions.get({ orgSlug: s, submissionId: sub.submissionId });
    expect(again.analysis).toMatchObject({ status: 'done', reason: 'not_modified' });
    expect(again.analysis!.result).toEqual(fresh.analysis!.result);
  });

  it('a GitHub login added after an analysis is used by Re-analyse, not answered "not modified" (#17)', async () => {
    const { learner, mentor, s, cohort, skill } = await cohortWithLearner();
    await learner.caller.auth.updateProfile({ githubLogin: null });
    const sub = await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/node-api',
      claimedSkillIds: [skill('git')],
      title: 'Login later',
    });
    await deps.jobs.drain();
    const before = await mentor.caller.submissions.get({ orgSlug: s, submissionId: sub.submissionId });
    expect((before.analysis!.result as { authorship: unknown }).authorship).toBeNull();

    await learner.caller.auth.updateProfile({ githubLogin: 'learner1' });
    await mentor.caller.submissions.reanalyse({ orgSlug: s, submissionId: sub.submissionId });
    await deps.jobs.drain();
    const after = await mentor.caller.submissions.get({ orgSlug: s, submissionId: sub.submissionId });
    expect(after.analysis).toMatchObject({ status: 'done', reason: null });
    expect((after.analysis!.result as { authorship: unknown }).authorship).toEqual({
      login: 'learner1',
      authored: 2,
      total: 4,
      share: 0.5,
    });
  });

  it('records "not found or private" and reschedules rate limits instead of failing', async () => {
    const { learner, mentor, s, cohort, skill } = await cohortWithLearner();
    // public when submitted, private by the time the analysis runs
    const def = github.repoDef('acme/node-api');
    github.addRepo({ ...def, id: 9200, name: 'soon-private' });
    const missing = await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/soon-private',
      claimedSkillIds: [skill('git')],
      title: 'Private',
    });
    github.addRepo({ ...def, id: 9200, name: 'soon-private', private: true });
    const limited = await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/limited',
      claimedSkillIds: [skill('git')],
      title: 'Limited',
    });
    await deps.jobs.drain();
    expect(
      (await mentor.caller.submissions.get({ orgSlug: s, submissionId: missing.submissionId })).analysis,
    ).toMatchObject({
      status: 'not_found',
      reason: 'not_found_or_private',
    });
    const lim = (await mentor.caller.submissions.get({ orgSlug: s, submissionId: limited.submissionId })).analysis!;
    expect(lim.status).toBe('rate_limited');
    expect(lim.nextRetryAt).toBeInstanceOf(Date);
    const rescheduled = deps.jobs.queued.find((q) => q.job.submissionId === limited.submissionId);
    expect(rescheduled?.startAfter?.getTime()).toBe(lim.nextRetryAt!.getTime());
    deps.jobs.queued.length = 0;
  });
});

describe('reviews', () => {
  it('state machine: submitted → in review → changes requested → resubmit → approved; approval verifies skills', async () => {
    const { learner, mentor, s, cohort, skill, full } = await cohortWithLearner();
    const claimed = [skill('testing'), skill('docker'), skill('ci-cd')];
    const sub = await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/node-api',
      claimedSkillIds: claimed,
      title: 'API',
    });
    await deps.jobs.drain();
    const started = await mentor.caller.submissions.startReview({ orgSlug: s, submissionId: sub.submissionId });
    expect(started.status).toBe('in_review');
    const r1 = await mentor.caller.submissions.review({
      orgSlug: s,
      submissionId: sub.submissionId,
      revision: 1,
      expectedVersion: started.version,
      decision: 'changes_requested',
      comment: 'Add **integration tests**.',
      ratings: [{ skillId: skill('docker'), rating: 'partial' }],
    });
    expect(r1.status).toBe('changes_requested');
    const mine = async () => (await learner.caller.progress.mine({ orgSlug: s })).cohorts[0]!.skills;
    expect((await mine()).find((x) => x.skillId === skill('docker'))?.status).toBe('evidenced');
    // learner resubmits the same repo (no brief): revision 2
    const sub2 = await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/node-api',
      claimedSkillIds: claimed,
      title: 'API',
      note: 'tests added',
    });
    expect(sub2.revision).toBe(2);
    const view = await mentor.caller.submissions.get({ orgSlug: s, submissionId: sub.submissionId });
    expect(view.submission.status).toBe('submitted');
    const r2 = await mentor.caller.submissions.review({
      orgSlug: s,
      submissionId: sub.submissionId,
      revision: 2,
      expectedVersion: view.submission.version,
      decision: 'approved',
      comment: 'Great work',
      ratings: [
        { skillId: skill('testing'), rating: 'demonstrated' },
        { skillId: skill('docker'), rating: 'demonstrated' },
        { skillId: skill('ci-cd'), rating: 'not_shown' },
      ],
    });
    expect(r2.verified.sort()).toEqual([skill('testing'), skill('docker')].sort());
    const after = await mine();
    expect(after.find((x) => x.skillId === skill('testing'))?.status).toBe('verified');
    expect(after.find((x) => x.skillId === skill('ci-cd'))?.status).toBeNull();
    const final = await learner.caller.submissions.get({ orgSlug: s, submissionId: sub.submissionId });
    expect(final.reviews.map((r) => r.decision)).toEqual(['approved', 'changes_requested']);
    expect(final.reviews[1]!.comment).toBe('Add **integration tests**.');
    // reviews are append-only
    await expectTrpcError(
      mentor.caller.submissions.review({
        orgSlug: s,
        submissionId: sub.submissionId,
        revision: 2,
        expectedVersion: final.submission.version,
        decision: 'changes_requested',
      }),
      'CONFLICT',
    );
    expect(full.skills.length).toBeGreaterThan(0);
  });

  it('two mentors reviewing the same revision at once: the second gets a clear conflict', async () => {
    const { learner, mentor, mentor2, s, cohort, skill } = await cohortWithLearner();
    const sub = await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/laravel-blog',
      claimedSkillIds: [skill('testing')],
      title: 'Blog',
    });
    const seen = await mentor.caller.submissions.get({ orgSlug: s, submissionId: sub.submissionId });
    const seen2 = await mentor2.caller.submissions.get({ orgSlug: s, submissionId: sub.submissionId });
    const base = { orgSlug: s, submissionId: sub.submissionId, revision: 1 };
    const results = await Promise.allSettled([
      mentor.caller.submissions.review({
        ...base,
        expectedVersion: seen.submission.version,
        decision: 'approved',
        comment: 'LGTM',
        ratings: [{ skillId: skill('testing'), rating: 'demonstrated' }],
      }),
      mentor2.caller.submissions.review({
        ...base,
        expectedVersion: seen2.submission.version,
        decision: 'changes_requested',
        comment: 'Needs more tests',
      }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason.code).toBe('CONFLICT');
    expect(rejected.reason.cause.userMessage).toBe('errors.review.conflict');
    expect((await learner.caller.submissions.get({ orgSlug: s, submissionId: sub.submissionId })).reviews).toHaveLength(
      1,
    );
  });

  it('a mentor of another cohort cannot see or review; a learner cannot review their own', async () => {
    const { owner, learner, s, cohort, skill, full } = await cohortWithLearner();
    const outsider = await addMember(deps, owner, s, 'mentor', 'Outsider');
    const sub = await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/node-api',
      claimedSkillIds: [skill('git')],
      title: 'x',
    });
    await expectTrpcError(outsider.caller.submissions.get({ orgSlug: s, submissionId: sub.submissionId }), 'NOT_FOUND');
    expect((await outsider.caller.submissions.queue({ orgSlug: s })).total).toBe(0);
    await expectTrpcError(
      learner.caller.submissions.startReview({ orgSlug: s, submissionId: sub.submissionId }),
      'FORBIDDEN',
    );
    expect(full.stages.length).toBe(3);
  });

  it('freshness: a later analysis that finds the branch moved flags the approved submission', async () => {
    const { learner, mentor, s, cohort, skill } = await cohortWithLearner();
    const sub = await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/node-api',
      claimedSkillIds: [skill('testing')],
      title: 'x',
    });
    await deps.jobs.drain();
    await reviewAsSeen(mentor, {
      orgSlug: s,
      submissionId: sub.submissionId,
      revision: 1,
      decision: 'approved',
      ratings: [{ skillId: skill('testing'), rating: 'demonstrated' }],
    });
    github.pushCommit?.('acme/node-api');
    await mentor.caller.submissions.reanalyse({ orgSlug: s, submissionId: sub.submissionId });
    await deps.jobs.drain();
    const fresh = await mentor.caller.submissions.get({ orgSlug: s, submissionId: sub.submissionId });
    expect(fresh.submission.changedSinceApproval).toBe(true);
    // still verified until a mentor decides otherwise
    const orgId = (await mentor.caller.org.get({ orgSlug: s })).id;
    const [p] = await withScope(database, { orgId }, (tx) =>
      tx
        .select()
        .from(skillProgress)
        .where(and(eq(skillProgress.learnerId, learner.user.id), eq(skillProgress.skillId, skill('testing')))),
    );
    expect(p?.status).toBe('verified');
    // and it is back in the queue for a re-review
    expect((await mentor.caller.submissions.queue({ orgSlug: s })).items.map((i) => i.id)).toContain(sub.submissionId);
  });
});

describe('notifications, snippets and queue health', () => {
  it('tells mentors about submissions and learners about reviews, in-app and by email', async () => {
    const { learner, mentor, mentor2, s, cohort, skill } = await cohortWithLearner();
    const sub = await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/node-api',
      claimedSkillIds: [skill('git')],
      title: 'Notify me',
    });
    for (const m of [mentor, mentor2]) {
      const list = await m.caller.notifications.list({ orgSlug: s });
      expect(list.unread).toBe(1);
      expect(list.items[0]).toMatchObject({
        kind: 'submission.new',
        submissionId: sub.submissionId,
        actorName: 'Learner',
      });
    }
    await reviewAsSeen(mentor, {
      orgSlug: s,
      submissionId: sub.submissionId,
      revision: 1,
      decision: 'changes_requested',
      comment: 'More commits please',
    });
    const mine = await learner.caller.notifications.list({ orgSlug: s });
    expect(mine.items[0]).toMatchObject({ kind: 'review.changes_requested' });
    expect((await learner.caller.notifications.unreadCount({ orgSlug: s })).unread).toBe(1);
    expect(await learner.caller.notifications.markRead({ orgSlug: s, all: true })).toEqual({ marked: 1 });
    expect((await learner.caller.notifications.unreadCount({ orgSlug: s })).unread).toBe(0);
    // emails went through the outbox
    const owner = (await mentor.caller.org.get({ orgSlug: s })).id;
    expect(owner).toBeTruthy();
  });

  it('writes each notification email in its recipient’s language (their locale, else the org’s); in-app titles are data only', async () => {
    const { owner, learner, mentor, mentor2, s, cohort, skill } = await cohortWithLearner();
    const orgId = (await owner.caller.org.get({ orgSlug: s })).id;
    await learner.caller.auth.updateProfile({ locale: 'ar' });
    await mentor2.caller.auth.updateProfile({ locale: 'ar' });
    const outbox = async () => {
      const rows = await withScope(database, { orgId }, (tx) => tx.select().from(emailOutbox));
      await withScope(database, { orgId }, (tx) => tx.delete(emailOutbox));
      return (email: string) => {
        const mine = rows.filter((r) => r.toEmail === email);
        expect(mine, email).toHaveLength(1);
        const plain = (text: string) => text.replace(/[\u2068\u2069]/g, '');
        return { raw: mine[0]!.subject, subject: plain(mine[0]!.subject), text: plain(mine[0]!.bodyText) };
      };
    };
    await outbox();
    const sub = await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/orders-api',
      claimedSkillIds: [skill('git')],
      title: 'Orders API',
    });
    let to = await outbox();
    // the org's default is English and Mentor has no locale: English
    expect(to(mentor.user.email).subject).toBe('New submission from Learner: Orders API');
    expect(to(mentor.user.email).text).toContain('Hello Mentor,');
    expect(to(mentor.user.email).text).toContain('Learner submitted “Orders API” (acme/orders-api) in Org ');
    expect(to(mentor.user.email).text).toContain(`/o/${s}/submissions/${sub.submissionId}`);
    // Mentor Two chose Arabic
    expect(to(mentor2.user.email).subject).toBe('تسليم جديد من Learner: Orders API');
    // names and titles are isolated, so Latin text keeps its order inside Arabic
    expect(to(mentor2.user.email).raw).toBe('تسليم جديد من \u2068Learner\u2069: \u2068Orders API\u2069');
    expect(to(mentor.user.email).raw).not.toMatch(/[\u2068\u2069]/);
    expect(to(mentor2.user.email).text).toContain('مرحبًا Mentor Two،');
    expect(to(mentor2.user.email).text).toContain('أرسل Learner التسليم «Orders API» (acme/orders-api) في Org ');
    // in-app: the kind (translated by the web app) and a title that is only data
    const inApp = await mentor2.caller.notifications.list({ orgSlug: s });
    expect(inApp.items[0]).toMatchObject({ kind: 'submission.new', title: 'Orders API (acme/orders-api)' });

    // the learner chose Arabic: the review email is Arabic
    await reviewAsSeen(mentor, {
      orgSlug: s,
      submissionId: sub.submissionId,
      revision: 1,
      decision: 'changes_requested',
      comment: 'Add tests',
    });
    to = await outbox();
    expect(to(learner.user.email).subject).toBe('طُلبت تعديلات: Orders API');
    expect(to(learner.user.email).text).toContain(
      'طلب Mentor تعديلات على تسليمك «Orders API» (acme/orders-api) في Org',
    );
    expect(to(learner.user.email).text).not.toMatch(/Hello|Changes requested/);

    // the organisation switches to Arabic; the learner drops their own choice, Mentor Two picks English
    await owner.caller.org.update({ orgSlug: s, defaultLocale: 'ar' });
    await learner.caller.auth.updateProfile({ locale: null });
    await mentor2.caller.auth.updateProfile({ locale: 'en' });
    await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/orders-api',
      claimedSkillIds: [skill('git')],
      title: 'Orders API',
    });
    to = await outbox();
    expect(to(mentor.user.email).subject).toBe('نسخة جديدة من Learner: Orders API');
    expect(to(mentor2.user.email).subject).toBe('New revision from Learner: Orders API');
    await reviewAsSeen(mentor, {
      orgSlug: s,
      submissionId: sub.submissionId,
      revision: 2,
      decision: 'approved',
      comment: 'Good',
    });
    to = await outbox();
    expect(to(learner.user.email).subject).toBe('اعتُمد تسليمك: Orders API');
    expect(to(learner.user.email).text).toContain('مرحبًا Learner،');

    // invitations: an existing account's locale, else the organisation's (now Arabic)
    const fresh = `new-${sub.submissionId.slice(0, 8)}@example.test`;
    await owner.caller.invitations.create({ orgSlug: s, email: fresh, role: 'learner' });
    const known = await createUser(deps, { name: 'Known' });
    await known.caller.auth.updateProfile({ locale: 'en' });
    await owner.caller.invitations.create({ orgSlug: s, email: known.user.email, role: 'mentor' });
    to = await outbox();
    expect(to(fresh).subject).toMatch(/^دعاك .+ للانضمام إلى .+ على مسار$/);
    expect(to(fresh).text).toContain('بدور متعلّم.');
    expect(to(fresh).text).toContain('صالح لمدة 7 أيام، ولمرة واحدة');
    expect(to(known.user.email).subject).toMatch(/^.+ invited you to .+ on Masar$/);
    expect(to(known.user.email).text).toContain('with the role Mentor.');
    expect(to(known.user.email).text).toContain('valid for 7 days, once');
  });

  it('mentors keep their own feedback snippets, per skill', async () => {
    const { mentor, mentor2, s, skill } = await cohortWithLearner();
    const general = await mentor.caller.submissions.saveSnippet({
      orgSlug: s,
      title: 'Readme',
      body: 'Add a README with install steps.',
    });
    await mentor.caller.submissions.saveSnippet({
      orgSlug: s,
      title: 'Tests',
      body: 'Cover the error paths.',
      skillId: skill('testing'),
    });
    await mentor.caller.submissions.saveSnippet({
      orgSlug: s,
      title: 'Docker',
      body: 'Use a slim base image.',
      skillId: skill('docker'),
    });
    const forTesting = await mentor.caller.submissions.snippets({ orgSlug: s, skillId: skill('testing') });
    expect(forTesting.map((x) => x.title)).toEqual(['Readme', 'Tests']);
    expect(await mentor2.caller.submissions.snippets({ orgSlug: s })).toEqual([]);
    await expectTrpcError(mentor2.caller.submissions.deleteSnippet({ orgSlug: s, id: general.id }), 'NOT_FOUND');
    await mentor.caller.submissions.deleteSnippet({ orgSlug: s, id: general.id });
    expect((await mentor.caller.submissions.snippets({ orgSlug: s })).map((x) => x.title)).toEqual(['Docker', 'Tests']);
  });

  it('queue health: waiting count, median and oldest wait', async () => {
    const { learner, mentor, s, cohort, skill } = await cohortWithLearner();
    expect(await mentor.caller.submissions.queueHealth({ orgSlug: s, cohortId: cohort.id })).toEqual({
      waiting: 0,
      medianHours: null,
      oldestHours: null,
    });
    await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/a1',
      claimedSkillIds: [skill('git')],
      title: 'a1',
    });
    await learner.caller.submissions.submit({
      orgSlug: s,
      cohortId: cohort.id,
      repoUrl: 'https://github.com/acme/a2',
      claimedSkillIds: [skill('git')],
      title: 'a2',
    });
    const later = { ...deps, now: () => new Date(Date.now() + 10 * 3_600_000) };
    const c = await (await import('../helpers/app')).client(later, { token: mentor.jar.token });
    const h = await c.caller.submissions.queueHealth({ orgSlug: s, cohortId: cohort.id });
    expect(h.waiting).toBe(2);
    expect(h.oldestHours).toBeGreaterThan(9.9);
    expect(h.medianHours).toBeGreaterThan(9.9);
    const queue = await mentor.caller.submissions.queue({ orgSlug: s, cohortId: cohort.id });
    expect(queue.items.map((i) => i.title)).toEqual(['a1', 'a2']);
  });
});
