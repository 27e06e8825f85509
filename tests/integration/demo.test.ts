import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_LOGINS, DEMO_ORG_SLUG, DEMO_PASSWORD, seedDemo } from '../../server/src/seed/demo';
import { client, type TestDeps, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let database: TestDatabase;
let deps: TestDeps;
beforeAll(async () => {
  database = await createTestDatabase();
  deps = testDeps(database);
});
afterAll(async () => {
  await database?.destroy();
});

async function logIn(email: string) {
  const c = await client(deps);
  await c.caller.auth.logIn({ email, password: DEMO_PASSWORD });
  return c;
}

describe('demo data', () => {
  it('seeds a labelled Alexandria bootcamp once, with meaningful dashboards', async () => {
    expect(await seedDemo(database)).toBe(true);
    expect(await seedDemo(database)).toBe(false);
    const admin = await logIn(DEMO_LOGINS.admin);
    const org = await admin.caller.org.get({ orgSlug: DEMO_ORG_SLUG });
    expect(org.name).toContain('(demo)');
    const cohorts = await admin.caller.cohorts.list({ orgSlug: DEMO_ORG_SLUG });
    expect(cohorts.items).toHaveLength(1);
    const cohort = cohorts.items[0]!;
    expect(cohort.learnerCount).toBe(20);
    const dash = await admin.caller.dashboards.cohort({ orgSlug: DEMO_ORG_SLUG, cohortId: cohort.id });
    expect(dash.cohort.monthsSinceStart).toBeGreaterThanOrEqual(4.9);
    expect(dash.scatter).toHaveLength(20);
    const table = await admin.caller.dashboards.cohortLearners({
      orgSlug: DEMO_ORG_SLUG,
      cohortId: cohort.id,
      pageSize: 50,
    });
    expect(table.total).toBe(20);
    // a spread: some ahead, some behind
    expect(dash.statusCounts.ahead).toBeGreaterThan(0);
    expect(dash.statusCounts.behind).toBeGreaterThan(0);
    expect(dash.progressOverTime.at(-1)!.median).toBeGreaterThan(0);
    expect(dash.queue.waiting).toBeGreaterThanOrEqual(3);

    const mentor = await logIn(DEMO_LOGINS.mentor);
    const queue = await mentor.caller.submissions.queue({ orgSlug: DEMO_ORG_SLUG, status: 'all', pageSize: 50 });
    const statuses = new Set(queue.items.map((i) => i.status));
    for (const s of ['submitted', 'in_review', 'changes_requested', 'approved']) expect(statuses).toContain(s);

    const learner = await logIn(DEMO_LOGINS.learner);
    const mine = await learner.caller.submissions.mine({ orgSlug: DEMO_ORG_SLUG });
    expect(mine.total).toBeGreaterThan(0);
    const me = (await learner.caller.auth.me())!;
    const page = await learner.caller.dashboards.learner({
      orgSlug: DEMO_ORG_SLUG,
      cohortId: cohort.id,
      learnerId: me.id,
    });
    expect(page.coverage.verified).toBeGreaterThan(0);
    expect(page.timeline.some((p) => (p.verified ?? 0) > 0)).toBe(true);

    const viewer = await logIn(DEMO_LOGINS.viewer);
    expect((await viewer.caller.org.get({ orgSlug: DEMO_ORG_SLUG })).role).toBe('viewer');
  });
});
