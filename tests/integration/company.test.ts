import { withScope } from '@masar/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type TestDeps, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { expectTrpcError } from '../helpers/errors';
import { addMember, createOrg, createUser, reviewAsSeen } from '../helpers/factories';

let database: TestDatabase;
let deps: TestDeps;
const NOW = new Date('2026-11-27T10:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  deps = testDeps(database);
  deps.now = () => NOW;
});
afterAll(async () => {
  await database?.destroy();
});

/** A company onboarding two hires; a manager follows them read-only. */
async function company() {
  const owner = await createUser(deps, { name: 'HR Owner' });
  const org = await createOrg(owner, { kind: 'company' });
  const s = org.slug;
  const orgId = (await owner.caller.org.get({ orgSlug: s })).id;
  const mentor = await addMember(deps, owner, s, 'mentor', 'Tech Lead');
  const manager = await addMember(deps, owner, s, 'viewer', 'Manager');
  const hire = await addMember(deps, owner, s, 'learner', 'سلمى فاروق');
  const hire2 = await addMember(deps, owner, s, 'learner', '=HYPERLINK("http://evil.example","click")');
  const [roadmap] = await owner.caller.roadmaps.list({ orgSlug: s });
  const full = await owner.caller.roadmaps.get({ orgSlug: s, roadmapId: roadmap!.id });
  const plan = await mentor.caller.cohorts.create({
    orgSlug: s,
    name: 'Onboarding Q4',
    roadmapId: roadmap!.id,
    startDate: '2026-10-01',
  });
  await mentor.caller.cohorts.addMembers({
    orgSlug: s,
    cohortId: plan.id,
    members: [
      { userId: hire.user.id, role: 'learner' },
      { userId: hire2.user.id, role: 'learner' },
    ],
  });
  await mentor.caller.cohorts.assign({ orgSlug: s, cohortId: plan.id, stageId: full.stages[0]!.id });
  const skill = (k: string) => full.skills.find((x) => x.key === k)!.skillId;
  // the hire submits; the mentor approves with a comment
  const sub = await hire.caller.submissions.submit({
    orgSlug: s,
    cohortId: plan.id,
    repoUrl: 'https://github.com/salma/api',
    claimedSkillIds: [skill('first-api'), skill('sql-basics')],
    title: 'First API',
  });
  await reviewAsSeen(mentor, {
    orgSlug: s,
    submissionId: sub.submissionId,
    revision: 1,
    decision: 'approved',
    comment: '=cmd|"/c calc"!A1 — well done, "clean" code',
    ratings: [
      { skillId: skill('first-api'), rating: 'demonstrated' },
      { skillId: skill('sql-basics'), rating: 'demonstrated' },
    ],
  });
  return { owner, mentor, manager, hire, hire2, s, orgId, plan, full, skill, sub, roadmapId: roadmap!.id };
}

describe('readiness and consent', () => {
  it('shows readiness for the junior level; comments only with the hire’s consent', async () => {
    const { manager, hire, s, plan } = await company();
    const r = await manager.caller.readiness.get({ orgSlug: s, cohortId: plan.id, learnerId: hire.user.id });
    expect(r.junior).toEqual({ total: 9, verified: 2, share: 2 / 9 });
    expect(r.gaps.map((g) => g.key)).not.toContain('first-api');
    expect(r.gaps).toHaveLength(7);
    // started 1 Oct: the 0–3 skills are due 1 Jan (within 90 days of 27 Nov, not within 30)
    expect(r.dueIn.days30).toHaveLength(0);
    expect(r.dueIn.days90.map((d) => d.key).sort()).toEqual([
      'backend-language',
      'http-basics',
      'programming-fundamentals',
    ]);
    expect(r.approvedRepos).toHaveLength(1);
    expect(r.approvedRepos[0]!.comments).toEqual([]);
    expect(r.commentsVisible).toBe(false);
    await hire.caller.readiness.setConsent({ orgSlug: s, shareComments: true });
    const after = await manager.caller.readiness.get({ orgSlug: s, cohortId: plan.id, learnerId: hire.user.id });
    expect(after.approvedRepos[0]!.comments[0]!.comment).toContain('well done');
    await hire.caller.readiness.setConsent({ orgSlug: s, shareComments: false });
    expect(
      (await manager.caller.readiness.get({ orgSlug: s, cohortId: plan.id, learnerId: hire.user.id })).approvedRepos[0]!
        .comments,
    ).toEqual([]);
  });

  it('managers (viewers) read, never write', async () => {
    const { manager, s, plan, hire } = await company();
    await expectTrpcError(manager.caller.cohorts.update({ orgSlug: s, cohortId: plan.id, name: 'x' }), 'FORBIDDEN');
    await expectTrpcError(manager.caller.readiness.setConsent({ orgSlug: s, shareComments: true }), 'FORBIDDEN');
    const dash = await manager.caller.dashboards.cohort({ orgSlug: s, cohortId: plan.id });
    expect(dash.scatter).toHaveLength(2);
    expect((await manager.caller.dashboards.cohortLearners({ orgSlug: s, cohortId: plan.id })).total).toBe(2);
    expect(
      (await manager.caller.dashboards.learner({ orgSlug: s, cohortId: plan.id, learnerId: hire.user.id })).coverage
        .verifiedCount,
    ).toBe(2);
  });
});

describe('the hires table (readiness.hires)', () => {
  it('one row per hire: readiness, gaps, overdue, last activity; sorted, searched and paged on the server; no comments', async () => {
    const { owner, mentor, manager, hire, s, full, roadmapId } = await company();
    // a second onboarding plan that started in January: its first stage is overdue by November
    const late = await addMember(deps, owner, s, 'learner', 'Omar Late');
    const q1 = await mentor.caller.cohorts.create({
      orgSlug: s,
      name: 'Onboarding Q1',
      roadmapId,
      startDate: '2026-01-01',
    });
    await mentor.caller.cohorts.addMembers({
      orgSlug: s,
      cohortId: q1.id,
      members: [{ userId: late.user.id, role: 'learner' }],
    });
    await mentor.caller.cohorts.assign({ orgSlug: s, cohortId: q1.id, stageId: full.stages[0]!.id });
    // the hire shares comments: the table still shows none (numbers only)
    await hire.caller.readiness.setConsent({ orgSlug: s, shareComments: true });

    const all = await manager.caller.readiness.hires({ orgSlug: s, sort: 'readiness', direction: 'desc' });
    expect(all.total).toBe(3);
    const first = all.items[0]!;
    expect(first).toMatchObject({ name: 'سلمى فاروق', cohortName: 'Onboarding Q4', juniorVerified: 2, juniorTotal: 9 });
    expect(first.readiness).toBeCloseTo(2 / 9);
    expect(first.gaps).toBe(7);
    expect(first.overdue).toBe(0);
    expect(first.lastActivity).toBeInstanceOf(Date);
    expect(JSON.stringify(all)).not.toContain('well done');
    expect(Object.keys(first).sort()).toEqual(
      [
        'cohortId',
        'cohortName',
        'gaps',
        'juniorTotal',
        'juniorVerified',
        'lastActivity',
        'learnerId',
        'name',
        'overdue',
        'readiness',
      ].sort(),
    );

    const byOverdue = await manager.caller.readiness.hires({ orgSlug: s, sort: 'overdue', direction: 'desc' });
    expect(byOverdue.items[0]).toMatchObject({ name: 'Omar Late', cohortName: 'Onboarding Q1', gaps: 9, readiness: 0 });
    expect(byOverdue.items[0]!.overdue).toBeGreaterThan(0);
    // the readiness page marks the same overdue skills among the gaps
    const r = await manager.caller.readiness.get({ orgSlug: s, cohortId: q1.id, learnerId: late.user.id });
    expect(r.overdue.length).toBe(byOverdue.items[0]!.overdue);
    expect(r.gaps.some((g) => r.overdue.some((o) => o.skillId === g.skillId))).toBe(true);

    // paged: two then one, every hire once
    const p1 = await manager.caller.readiness.hires({ orgSlug: s, page: 1, pageSize: 2, sort: 'name' });
    const p2 = await manager.caller.readiness.hires({ orgSlug: s, page: 2, pageSize: 2, sort: 'name' });
    expect(p1.items).toHaveLength(2);
    expect(p2.items).toHaveLength(1);
    expect(new Set([...p1.items, ...p2.items].map((h) => h.learnerId)).size).toBe(3);
    expect((await manager.caller.readiness.hires({ orgSlug: s, search: 'omar' })).items.map((h) => h.name)).toEqual([
      'Omar Late',
    ]);

    // a mentor sees the hires of the plans they mentor only; learners are refused
    const other = await addMember(deps, owner, s, 'mentor', 'Other Mentor');
    expect((await other.caller.readiness.hires({ orgSlug: s })).total).toBe(0);
    expect((await mentor.caller.readiness.hires({ orgSlug: s })).total).toBe(3);
    await expectTrpcError(hire.caller.readiness.hires({ orgSlug: s }), 'FORBIDDEN');
    await expectTrpcError(manager.caller.readiness.hires({ orgSlug: s, sort: 'comments' as 'name' }), 'BAD_REQUEST');
  });
});

describe('shareable portfolio', () => {
  it('works logged out, shows no email, and 404s after revoke', async () => {
    const { hire, s } = await company();
    const { link } = await hire.caller.portfolios.publish({ orgSlug: s, includeComments: true });
    const token = link.split('/p/')[1]!;
    const anon = await client(deps);
    const page = await anon.caller.portfolios.view({ token });
    expect(page.name).toBe('سلمى فاروق');
    expect(page.skills.map((x) => x.key).sort()).toEqual(['first-api', 'sql-basics']);
    expect(page.repos[0]).toMatchObject({ repoUrl: 'https://github.com/salma/api' });
    expect(page.repos[0]!.comments[0]).toContain('well done');
    expect(JSON.stringify(page)).not.toContain('@example.test');
    expect((await hire.caller.portfolios.status({ orgSlug: s })).published).toBe(true);
    await hire.caller.portfolios.revoke({ orgSlug: s });
    await expectTrpcError(anon.caller.portfolios.view({ token }), 'NOT_FOUND', 'errors.portfolio.notFound');
    // a new link is a new token
    const again = await hire.caller.portfolios.publish({ orgSlug: s });
    expect(again.link).not.toBe(link);
    expect((await anon.caller.portfolios.view({ token: again.link.split('/p/')[1]! })).repos[0]!.comments).toEqual([]);
  });
});

describe('CSV exports', () => {
  it('streams progress and reviews: UTF-8 BOM, Arabic intact, formulas neutralised; needs a session and access', async () => {
    const { mentor, manager, hire, s, plan, orgId } = await company();
    const { startServer, loadConfig } = await import('@masar/server');
    const { freePort } = await import('../helpers/server-process');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = await startServer(
      loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: String(port), PUBLIC_URL: url, JOBS_ENABLED: 'false' }),
      { database },
    );
    try {
      const get = (path: string, token?: string | null) =>
        fetch(`${url}${path}`, { headers: token ? { cookie: `masar_session=${token}` } : {} });
      const path = `/export/${s}/cohorts/${plan.id}/progress.csv`;
      expect((await get(path)).status).toBe(401);
      expect((await get(path, hire.jar.token)).status).toBe(403);
      const r = await get(path, manager.jar.token);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/csv');
      const bytes = new Uint8Array(await r.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
      const lines = text.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'Learner,Email,Skill key,Skill,Category,Window starts (month),Window ends (month),Status,Verified on,Evidence',
      );
      expect(lines).toHaveLength(1 + 2 * 26);
      expect(text).toContain('سلمى فاروق');
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
      expect(
        lines.some(
          (l) =>
            l.startsWith('سلمى فاروق') &&
            l.includes(',first-api,A simple API project,APIs,') &&
            l.includes(',Verified,2026-11-27,salma/api'),
        ),
      ).toBe(true);
      const rv = await get(`/export/${s}/cohorts/${plan.id}/reviews.csv`, mentor.jar.token);
      const rtext = await rv.text(); // fetch's text() drops the BOM itself
      expect(rtext.split('\r\n')[0]).toBe(
        'Submission,Learner,Repository,Revision,Decision,Reviewer,Reviewed at,Comment,Ratings',
      );
      expect(rtext).toContain('First API,سلمى فاروق,salma/api,1,Approved,Tech Lead,');
      expect(rtext).toContain(`"'=cmd|""/c calc""!A1 — well done, ""clean"" code"`);
      expect(rtext).toContain('first-api: Demonstrated; sql-basics: Demonstrated');
      // another org's cohort id: not found
      const other = await createUser(deps);
      const otherOrg = await createOrg(other);
      expect((await get(`/export/${otherOrg.slug}/cohorts/${plan.id}/progress.csv`, other.jar.token)).status).toBe(404);
      expect(orgId).toBeTruthy();
    } finally {
      await server.close();
    }
  });

  it('speaks the reader’s language: Arabic headers and values (BOM kept), ?lang= overrides, a bad lang is a 400', async () => {
    const { mentor, manager, s, plan } = await company();
    await manager.caller.auth.updateProfile({ locale: 'ar' });
    const { startServer, loadConfig } = await import('@masar/server');
    const { freePort } = await import('../helpers/server-process');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = await startServer(
      loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: String(port), PUBLIC_URL: url, JOBS_ENABLED: 'false' }),
      { database },
    );
    try {
      const get = (path: string, token: string | null) =>
        fetch(`${url}${path}`, { headers: { cookie: `masar_session=${token}` } });
      const decode = async (r: Response) => {
        const bytes = new Uint8Array(await r.arrayBuffer());
        expect([...bytes.slice(0, 3)], 'UTF-8 BOM').toEqual([0xef, 0xbb, 0xbf]);
        return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1).trimEnd().split('\r\n');
      };
      // the manager's own locale is Arabic
      const progress = await get(`/export/${s}/cohorts/${plan.id}/progress.csv`, manager.jar.token);
      expect(progress.status).toBe(200);
      expect(progress.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const lines = await decode(progress);
      expect(lines[0]).toBe(
        'المتعلّم,البريد الإلكتروني,مفتاح المهارة,المهارة,الفئة,بداية النافذة (بالشهر),نهاية النافذة (بالشهر),الحالة,تاريخ التحقق,الدليل',
      );
      expect(lines).toHaveLength(1 + 2 * 26);
      expect(lines.some((l) => l.startsWith('سلمى فاروق') && l.includes(',first-api,مشروع API بسيط,واجهات API,'))).toBe(
        true,
      );
      expect(lines.some((l) => l.includes(',تم التحقق,2026-11-27,salma/api'))).toBe(true);
      expect(lines.some((l) => l.includes(',لم يبدأ,'))).toBe(true);
      expect(lines.join('\n')).not.toMatch(/,(verified|not_started|Verified|Not started),/);
      // formula neutralising still applies in Arabic
      expect(lines.join('\n')).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
      // the mentor (no locale, org default English) asks for Arabic with ?lang=ar
      const reviews = await decode(await get(`/export/${s}/cohorts/${plan.id}/reviews.csv?lang=ar`, mentor.jar.token));
      expect(reviews[0]).toBe('التسليم,المتعلّم,المستودع,النسخة,القرار,المراجِع,وقت المراجعة,التعليق,التقييمات');
      expect(reviews[1]).toContain('First API,سلمى فاروق,salma/api,1,معتمد,Tech Lead,');
      expect(reviews[1]).toContain('first-api: مُثبتة; sql-basics: مُثبتة');
      // …and the Arabic manager can still ask for English
      const en = await decode(await get(`/export/${s}/cohorts/${plan.id}/reviews.csv?lang=en`, manager.jar.token));
      expect(en[0]).toBe('Submission,Learner,Repository,Revision,Decision,Reviewer,Reviewed at,Comment,Ratings');
      const bad = await get(`/export/${s}/cohorts/${plan.id}/progress.csv?lang=fr`, manager.jar.token);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toEqual({ error: { code: 'BAD_REQUEST', message: 'errors.locale.invalid' } });
    } finally {
      await server.close();
    }
  });

  it('exports a 300-learner cohort completely', async () => {
    const { owner, s, plan, orgId } = await company();
    await withScope(deps.database, { orgId }, async (tx) => {
      await tx.execute(sql`insert into users (id, email, email_normalized, name, password_hash)
        select gen_random_uuid(), 'bulk' || g || '@example.test', 'bulk' || g || '@example.test', 'Bulk ' || lpad(g::text, 3, '0'), 'x'
        from generate_series(1, 300) g`);
      await tx.execute(sql`insert into cohort_members (org_id, cohort_id, user_id, role)
        select ${orgId}, ${plan.id}, id, 'learner' from users where email like 'bulk%@example.test'`);
    });
    const { startServer, loadConfig } = await import('@masar/server');
    const { freePort } = await import('../helpers/server-process');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const server = await startServer(
      loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: String(port), PUBLIC_URL: url, JOBS_ENABLED: 'false' }),
      { database },
    );
    try {
      const r = await fetch(`${url}/export/${s}/cohorts/${plan.id}/progress.csv`, {
        headers: { cookie: `masar_session=${owner.jar.token}` },
      });
      const lines = (await r.text()).trimEnd().split('\r\n');
      expect(lines).toHaveLength(1 + 302 * 26);
    } finally {
      await server.close();
    }
  });
});
