import { randomUUID } from 'node:crypto';
import { withScope } from '@masar/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, type TestDeps, testDeps } from '../helpers/app';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { expectTrpcError } from '../helpers/errors';
import { addLearnersInBulk, addMember, createOrg, createUser, type TestUser } from '../helpers/factories';

let statements = 0;
let counting = false;
let database: TestDatabase;
let deps: TestDeps;
const NOW = new Date('2026-11-27T10:00:00Z'); // 27 Nov in Cairo

beforeAll(async () => {
  database = await createTestDatabase({
    logQuery: () => {
      if (counting) statements++;
    },
  });
  deps = testDeps(database);
  deps.now = () => NOW;
});
afterAll(async () => {
  await database?.destroy();
});

async function setup(startDate: string) {
  const owner = await createUser(deps);
  const org = await createOrg(owner);
  const s = org.slug;
  const orgId = (await owner.caller.org.get({ orgSlug: s })).id;
  const [roadmap] = await owner.caller.roadmaps.list({ orgSlug: s });
  const full = await owner.caller.roadmaps.get({ orgSlug: s, roadmapId: roadmap!.id });
  const cohort = await owner.caller.cohorts.create({ orgSlug: s, name: 'Dash', roadmapId: roadmap!.id, startDate });
  await owner.caller.cohorts.assign({ orgSlug: s, cohortId: cohort.id, stageId: full.stages[0]!.id });
  return { owner, s, orgId, full, cohort };
}

async function verify(orgId: string, learnerId: string, skillIds: string[], at: string) {
  await withScope(deps.database, { orgId }, async (tx) => {
    for (const id of skillIds) {
      await tx.execute(sql`insert into skill_progress (org_id, learner_id, skill_id, status, evidenced_at, verified_at)
        values (${orgId}, ${learnerId}, ${id}, 'verified', ${at}::timestamptz, ${at}::timestamptz)`);
    }
  });
}

describe('dashboards on a hand-computed small cohort', () => {
  it('learner page and cohort dashboard agree with the timeline logic', async () => {
    const { owner, s, orgId, full, cohort } = await setup('2026-07-27'); // exactly 4 months before today
    const ahead: TestUser = await addMember(deps, owner, s, 'learner', 'Amira');
    const behind: TestUser = await addMember(deps, owner, s, 'learner', 'Bassem');
    await owner.caller.cohorts.addMembers({
      orgSlug: s,
      cohortId: cohort.id,
      members: [
        { userId: ahead.user.id, role: 'learner' },
        { userId: behind.user.id, role: 'learner' },
      ],
    });
    const early = full.skills.filter((x) => x.endMonth === 3).map((x) => x.skillId); // 5 skills of months 0–3
    await verify(orgId, ahead.user.id, early, '2026-09-27T09:00:00Z'); // verified at month 2

    // expected at month 4: 5 fully due + 4 skills of 3–6 a third of the way = 6 1/3 of 26
    const expected = (5 + 4 / 3) / 26;
    const page = await ahead.caller.dashboards.learner({ orgSlug: s, cohortId: cohort.id, learnerId: ahead.user.id });
    expect(page.monthsSinceStart).toBe(4);
    expect(page.coverage.expected).toBeCloseTo(expected, 6);
    expect(page.coverage.verified).toBeCloseTo(5 / 26, 6);
    expect(page.status.status).toBe('on_track'); // 5.1 points under, nothing overdue
    const at = (m: number) => page.timeline.find((p) => p.month === m)!;
    expect(at(1.5).verified).toBe(0);
    expect(at(2).verified).toBeCloseTo(5 / 26, 6);
    expect(at(3).expected).toBeCloseTo(5 / 26, 6);
    expect(at(4).verified).toBeCloseTo(5 / 26, 6);
    expect(at(4.5).verified).toBeNull(); // the future has no actual line
    const fundamentals = page.categories.find((c) => c.category === 'fundamentals')!;
    expect(fundamentals).toMatchObject({ total: 2, dueNow: 2, verified: 2 });

    const other = await behind.caller.dashboards.learner({
      orgSlug: s,
      cohortId: cohort.id,
      learnerId: behind.user.id,
    });
    expect(other.status).toEqual({ status: 'behind', reason: 'coverage_below_expected' });
    expect(other.overdue.map((o) => o.key).sort()).toEqual(
      full.skills
        .filter((x) => x.endMonth === 3)
        .map((x) => x.key)
        .sort(),
    );
    expect(other.overdue[0]!.days).toBe(31); // due 27 Oct, today 27 Nov

    const dash = await owner.caller.dashboards.cohort({ orgSlug: s, cohortId: cohort.id });
    const table = await owner.caller.dashboards.cohortLearners({
      orgSlug: s,
      cohortId: cohort.id,
      sort: 'coverage',
      direction: 'desc',
    });
    expect(table.items.map((r) => [r.name, r.status, r.overdue])).toEqual([
      ['Amira', 'on_track', 0],
      ['Bassem', 'behind', 5],
    ]);
    expect(table.items[0]!.expected).toBeCloseTo(expected, 6);
    expect(dash.statusCounts).toEqual({ behind: 1, on_track: 1, ahead: 0 });
    const cell = dash.heatmap.find((h) => h.learnerId === ahead.user.id && h.category === 'fundamentals')!;
    expect(cell).toMatchObject({ total: 2, verified: 2, share: 1 });
    expect(dash.heatmap.find((h) => h.learnerId === behind.user.id && h.category === 'fundamentals')!.share).toBe(0);
    // quartiles over time: at month 3 one learner has 5 verified, the other 0 → median 2.5 of 26
    const m3 = dash.progressOverTime.find((p) => p.month === 3)!;
    expect(m3.median).toBeCloseTo(2.5 / 26, 6);
    expect(m3.expected).toBeCloseTo(5 / 26, 6);
    expect(dash.progressOverTime.find((p) => p.month === 1)!.median).toBe(0);
    const filtered = await owner.caller.dashboards.cohortLearners({
      orgSlug: s,
      cohortId: cohort.id,
      status: 'behind',
    });
    expect(filtered.items.map((r) => r.name)).toEqual(['Bassem']);

    const overview = await owner.caller.dashboards.org({ orgSlug: s });
    expect(overview).toEqual([
      expect.objectContaining({ name: 'Dash', learners: 2, averageCoverage: 5 / 52, waitingReviews: 0 }),
    ]);
  });

  it('a cohort on its first day: the progress curve ends today, with what its learners verified today (#23)', async () => {
    const { owner, s, orgId, full, cohort } = await setup('2026-11-27'); // starts today
    const learner = await addMember(deps, owner, s, 'learner', 'Dalia');
    const other = await addMember(deps, owner, s, 'learner', 'Emad');
    await owner.caller.cohorts.addMembers({
      orgSlug: s,
      cohortId: cohort.id,
      members: [
        { userId: learner.user.id, role: 'learner' },
        { userId: other.user.id, role: 'learner' },
      ],
    });
    const five = full.skills.slice(0, 5).map((x) => x.skillId);
    await verify(orgId, learner.user.id, five, '2026-11-27T08:00:00Z');
    await verify(orgId, other.user.id, five, '2026-11-27T09:00:00Z');
    const dash = await owner.caller.dashboards.cohort({ orgSlug: s, cohortId: cohort.id });
    expect(dash.progressOverTime.map((p) => p.month)).toEqual([0]);
    expect(dash.progressOverTime[0]!.median).toBeCloseTo(5 / 26, 6);

    // part-way into a month: the whole months, then today's point at its fractional month
    const later = await setup('2026-09-12');
    const hire = await addMember(deps, later.owner, later.s, 'learner', 'Farah');
    await later.owner.caller.cohorts.addMembers({
      orgSlug: later.s,
      cohortId: later.cohort.id,
      members: [{ userId: hire.user.id, role: 'learner' }],
    });
    const row = await later.owner.caller.dashboards.cohort({ orgSlug: later.s, cohortId: later.cohort.id });
    const months = row.progressOverTime.map((p) => p.month);
    expect(months.slice(0, 2)).toEqual([0, 1]);
    expect(months.at(-1)).toBeCloseTo(row.cohort.monthsSinceStart, 6);
    expect(months.at(-1)! % 1).not.toBe(0);
  });

  it("a learner cannot open another learner's page", async () => {
    const { owner, s, cohort } = await setup('2026-07-27');
    const a = await addMember(deps, owner, s, 'learner');
    const b = await addMember(deps, owner, s, 'learner');
    await owner.caller.cohorts.addMembers({
      orgSlug: s,
      cohortId: cohort.id,
      members: [
        { userId: a.user.id, role: 'learner' },
        { userId: b.user.id, role: 'learner' },
      ],
    });
    await expectTrpcError(
      a.caller.dashboards.learner({ orgSlug: s, cohortId: cohort.id, learnerId: b.user.id }),
      'NOT_FOUND',
    );
  });
});

describe('statement count', () => {
  async function cohortOf(size: number) {
    const { owner, s, orgId, full, cohort } = await setup('2026-05-01');
    const now = new Date();
    await addLearnersInBulk(
      deps.database,
      { orgId, cohortId: cohort.id },
      Array.from({ length: size }, (_, i) => ({
        name: `Learner ${i}`,
        emailPrefix: `l${i}`,
        verifiedSkillIds: full.skills.slice(0, i % 7).map((skill) => skill.skillId),
        verifiedAt: now,
      })),
    );
    return { owner, s, cohort };
  }

  async function count(fn: () => Promise<unknown>) {
    statements = 0;
    counting = true;
    try {
      await fn();
    } finally {
      counting = false;
    }
    return statements;
  }

  it('is the same for a 5-learner and a 200-learner cohort', async () => {
    const small = await cohortOf(5);
    const large = await cohortOf(200);
    const c5 = await client(deps, { token: small.owner.jar.token });
    const c200 = await client(deps, { token: large.owner.jar.token });
    const n5 = await count(() => c5.caller.dashboards.cohort({ orgSlug: small.s, cohortId: small.cohort.id }));
    const n200 = await count(() => c200.caller.dashboards.cohort({ orgSlug: large.s, cohortId: large.cohort.id }));
    expect(n5).toBeGreaterThan(3);
    expect(n200).toBe(n5);
    const big = await c200.caller.dashboards.cohort({ orgSlug: large.s, cohortId: large.cohort.id });
    expect(big.scatter).toHaveLength(200);
    // the learners table on its own: as many statements for 5 as for 200 learners, fewer than the dashboard
    const input = (c: { s: string; cohort: { id: string } }) => ({
      orgSlug: c.s,
      cohortId: c.cohort.id,
      sort: 'name' as const,
      direction: 'desc' as const,
      search: 'learner',
      page: 2,
    });
    const t5 = await count(() => c5.caller.dashboards.cohortLearners(input(small)));
    const t200 = await count(() => c200.caller.dashboards.cohortLearners(input(large)));
    expect(t5).toBeGreaterThan(3);
    expect(t200).toBe(t5);
    expect(t5).toBeLessThan(n5);
    const page4 = await c200.caller.dashboards.cohortLearners({
      orgSlug: large.s,
      cohortId: large.cohort.id,
      pageSize: 50,
      page: 4,
    });
    expect(page4.total).toBe(200);
    expect(page4.items).toHaveLength(50);
    const o5 = await count(() => c5.caller.dashboards.org({ orgSlug: small.s }));
    const o200 = await count(() => c200.caller.dashboards.org({ orgSlug: large.s }));
    expect(o200).toBe(o5);
  });
});

describe('the learners table (dashboard.cohortLearners)', () => {
  /** 30 learners "Learner 0".."Learner 29"; learner i has i % 7 of the first skills verified, 9, 19 and 29 all. */
  let fx: Awaited<ReturnType<typeof thirty>>;
  async function thirty() {
    const { owner, s, orgId, full, cohort } = await setup('2026-05-01');
    await addLearnersInBulk(
      deps.database,
      { orgId, cohortId: cohort.id },
      Array.from({ length: 30 }, (_, i) => ({
        name: `Learner ${i}`,
        emailPrefix: `t${i}`,
        verifiedSkillIds: full.skills.slice(0, i % 10 === 9 ? undefined : i % 7).map((skill) => skill.skillId),
        verifiedAt: new Date('2026-11-01T00:00:00Z'),
      })),
    );
    const input = { orgSlug: s, cohortId: cohort.id };
    return { owner, input, skills: full.skills.length };
  }
  beforeAll(async () => {
    fx = await thirty();
  });

  it('sorts on the server, both directions, ties by name', async () => {
    const { owner, input } = fx;
    const byName = await owner.caller.dashboards.cohortLearners({ ...input, sort: 'name', pageSize: 100 });
    const names = byName.items.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1)));
    expect(names[0]).toBe('Learner 0');
    const desc = await owner.caller.dashboards.cohortLearners({
      ...input,
      sort: 'name',
      direction: 'desc',
      pageSize: 100,
    });
    expect(desc.items.map((r) => r.name)).toEqual([...names].reverse());

    const cov = await owner.caller.dashboards.cohortLearners({
      ...input,
      sort: 'coverage',
      direction: 'desc',
      pageSize: 100,
    });
    expect(cov.items.slice(0, 3).map((r) => [r.name, r.coverage])).toEqual([
      ['Learner 9', 1],
      ['Learner 29', 1],
      ['Learner 19', 1],
    ]);
    expect(cov.items[3]!.coverage).toBe(6 / fx.skills);
    for (let i = 1; i < cov.items.length; i++) {
      const [a, b] = [cov.items[i - 1]!, cov.items[i]!];
      expect(a.coverage).toBeGreaterThanOrEqual(b.coverage);
      if (a.coverage === b.coverage) expect(a.name > b.name).toBe(true); // desc reverses the name tie-break too
    }
    // the default: most behind first (difference ascending)
    const def = await owner.caller.dashboards.cohortLearners({ ...input, pageSize: 100 });
    const diffs = def.items.map((r) => r.difference);
    expect(diffs).toEqual([...diffs].sort((a, b) => a - b));
  });

  it('searches names (trimmed, any case) and filters by status, the totals matching the dashboard', async () => {
    const { owner, input } = fx;
    const found = await owner.caller.dashboards.cohortLearners({ ...input, search: '  LEARNER 2 ', sort: 'name' });
    expect(found.total).toBe(11); // Learner 2, 20–29
    expect(found.items.map((r) => r.name)).toContain('Learner 2');
    expect(found.items.every((r) => r.name.startsWith('Learner 2'))).toBe(true);
    expect((await owner.caller.dashboards.cohortLearners({ ...input, search: 'nobody' })).total).toBe(0);
    // a LIKE wildcard is just a character
    expect((await owner.caller.dashboards.cohortLearners({ ...input, search: '%' })).total).toBe(0);

    const dash = await owner.caller.dashboards.cohort(input);
    const all = await owner.caller.dashboards.cohortLearners({ ...input, pageSize: 100 });
    expect(all.total).toBe(dash.scatter.length);
    expect(all.total).toBe(30);
    expect(dash.statusCounts.ahead).toBe(3);
    expect(dash.statusCounts.behind).toBeGreaterThan(0);
    for (const status of ['behind', 'on_track', 'ahead'] as const) {
      const only = await owner.caller.dashboards.cohortLearners({ ...input, status, pageSize: 100 });
      expect(only.total).toBe(dash.statusCounts[status]);
      expect(only.items.every((r) => r.status === status)).toBe(true);
    }
    // the rows are the scatter's points
    const scatter = new Map(dash.scatter.map((p) => [p.learnerId, p]));
    for (const r of all.items) {
      expect(scatter.get(r.learnerId)).toEqual({
        learnerId: r.learnerId,
        name: r.name,
        coverage: r.coverage,
        expected: r.expected,
        status: r.status,
      });
    }
    const both = await owner.caller.dashboards.cohortLearners({ ...input, status: 'behind', search: 'learner 1' });
    expect(both.items.every((r) => r.status === 'behind' && r.name.startsWith('Learner 1'))).toBe(true);
  });

  it('pages: every learner once across the pages, the same total on each', async () => {
    const { owner, input } = fx;
    const seen: string[] = [];
    for (let page = 1; page <= 5; page++) {
      const p = await owner.caller.dashboards.cohortLearners({ ...input, sort: 'name', page, pageSize: 7 });
      expect(p).toMatchObject({ total: 30, page, pageSize: 7 });
      expect(p.items).toHaveLength(page < 5 ? 7 : 2);
      seen.push(...p.items.map((r) => r.learnerId));
    }
    expect(new Set(seen).size).toBe(30);
    const past = await owner.caller.dashboards.cohortLearners({ ...input, page: 6, pageSize: 7 });
    expect(past).toMatchObject({ total: 30, items: [] });
  });

  it('caps the page size at 100 and refuses bad sorts and pages', async () => {
    const { owner, input } = fx;
    expect((await owner.caller.dashboards.cohortLearners({ ...input, pageSize: 100 })).items).toHaveLength(30);
    await expectTrpcError(owner.caller.dashboards.cohortLearners({ ...input, pageSize: 101 }), 'BAD_REQUEST');
    await expectTrpcError(owner.caller.dashboards.cohortLearners({ ...input, pageSize: 0 }), 'BAD_REQUEST');
    await expectTrpcError(owner.caller.dashboards.cohortLearners({ ...input, page: 0 }), 'BAD_REQUEST');
    await expectTrpcError(
      // biome-ignore lint/suspicious/noExplicitAny: a sort the schema does not know
      owner.caller.dashboards.cohortLearners({ ...input, sort: 'email' as any }),
      'BAD_REQUEST',
    );
    const tooLong = await expectTrpcError(
      owner.caller.dashboards.cohortLearners({ ...input, search: 'x'.repeat(101) }),
      'BAD_REQUEST',
    );
    expect(tooLong.message).toContain('errors.search.tooLong');
    await expectTrpcError(owner.caller.dashboards.cohortLearners({ ...input, cohortId: randomUUID() }), 'NOT_FOUND');
  });
});
