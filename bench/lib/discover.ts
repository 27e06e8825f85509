/** Reads the seeded tenants back: which cohort to measure, who logs in, what to submit and review. */
import { type Database, rowsOf, withScope } from '@masar/server';
import { sql } from 'drizzle-orm';
import type { ReviewItem } from './load';
import { BIG_ORG_SLUG } from './seeder';

export interface Target {
  slug: string;
  orgId: string;
  adminEmail: string;
  cohort: { id: string; name: string; learners: number };
  mentorEmail: string;
  learners: { id: string; email: string }[];
  /** Early skills of the cohort's roadmap (claimed by benchmark submissions). */
  claimableSkillIds: string[];
  counts: { learners: number; submissions: number; reviews: number; skillProgress: number };
  /** Submissions made by earlier `pnpm bench` runs (their repositories' owner is `benchrun-<run>`). */
  fromEarlierRuns: number;
}

export class NotSeededError extends Error {
  override name = 'NotSeededError';
}

async function orgId(database: Database, slug: string): Promise<string> {
  const [row] = rowsOf<{ id: string }>(
    await database.db.execute(sql`select id from organizations where slug = ${slug}`),
  );
  if (!row) throw new NotSeededError(`organisation "${slug}" not found`);
  return row.id;
}

/** The organisation's median cohort by start date (of the largest size), its mentor and learners. */
export async function discoverTarget(database: Database, slug = BIG_ORG_SLUG): Promise<Target> {
  const id = await orgId(database, slug);
  return withScope(database, { orgId: id }, async (tx) => {
    const cohorts = rowsOf<{ id: string; name: string; n: number; roadmapId: string }>(
      await tx.execute(sql`
        select c.id, c.name, c.roadmap_id as "roadmapId",
          (select count(*)::int from cohort_members cm where cm.org_id = c.org_id and cm.cohort_id = c.id and cm.role = 'learner') as n
        from cohorts c where c.org_id = ${id} and c.archived_at is null order by c.start_date, c.id`),
    );
    const largest = Math.max(...cohorts.map((c) => Number(c.n)));
    const candidates = cohorts.filter((c) => Number(c.n) === largest);
    const cohort = candidates[Math.floor(candidates.length / 2)];
    if (!cohort) throw new NotSeededError(`organisation "${slug}" has no cohort`);
    const members = rowsOf<{ id: string; email: string; role: string }>(
      await tx.execute(sql`
        select u.id, u.email, cm.role from cohort_members cm join users u on u.id = cm.user_id
        where cm.org_id = ${id} and cm.cohort_id = ${cohort.id} order by cm.role, u.email`),
    );
    const [admin] = rowsOf<{ email: string }>(
      await tx.execute(sql`
        select u.email from memberships m join users u on u.id = m.user_id
        where m.org_id = ${id} and m.role in ('owner', 'admin') order by m.role, u.email limit 1`),
    );
    const skills = rowsOf<{ skillId: string }>(
      await tx.execute(sql`
        select skill_id as "skillId" from roadmap_skills
        where org_id = ${id} and roadmap_id = ${cohort.roadmapId} and archived_at is null and start_month < 6
        order by position`),
    );
    const [counts] = rowsOf<{
      learners: number;
      submissions: number;
      reviews: number;
      skillProgress: number;
      fromEarlierRuns: number;
    }>(
      await tx.execute(sql`select
        (select count(*)::int from submissions where org_id = ${id} and repo_owner like 'benchrun-%') as "fromEarlierRuns",
        (select count(*)::int from memberships where org_id = ${id} and role = 'learner') as learners,
        (select count(*)::int from submissions where org_id = ${id}) as submissions,
        (select count(*)::int from reviews where org_id = ${id}) as reviews,
        (select count(*)::int from skill_progress where org_id = ${id}) as "skillProgress"`),
    );
    const mentor = members.find((m) => m.role === 'mentor');
    if (!mentor || !admin) throw new NotSeededError(`organisation "${slug}" has no mentor or admin`);
    return {
      slug,
      orgId: id,
      adminEmail: admin.email,
      cohort: { id: cohort.id, name: cohort.name, learners: Number(cohort.n) },
      mentorEmail: mentor.email,
      learners: members.filter((m) => m.role === 'learner').map(({ id, email }) => ({ id, email })),
      claimableSkillIds: skills.map((s) => s.skillId),
      counts: {
        learners: Number(counts!.learners),
        submissions: Number(counts!.submissions),
        reviews: Number(counts!.reviews),
        skillProgress: Number(counts!.skillProgress),
      },
      fromEarlierRuns: Number(counts!.fromEarlierRuns),
    };
  });
}

/** Submissions waiting for review in the cohort, oldest first (what the review scenario decides on). */
export async function reviewPool(database: Database, orgIdValue: string, cohortId: string): Promise<ReviewItem[]> {
  return withScope(database, { orgId: orgIdValue }, async (tx) =>
    rowsOf<ReviewItem>(
      await tx.execute(sql`
        select s.id as "submissionId", s.current_revision as revision, s.version as "expectedVersion",
          coalesce(r.claimed_skill_ids, '{}') as "skillIds"
        from submissions s
        left join submission_revisions r on r.org_id = s.org_id and r.submission_id = s.id and r.revision = s.current_revision
        where s.org_id = ${orgIdValue} and s.cohort_id = ${cohortId}
          and (s.status in ('submitted', 'in_review') or (s.status = 'approved' and s.changed_since_approval))
        order by s.submitted_at, s.id`),
    ).map((r) => ({ ...r, revision: Number(r.revision), expectedVersion: Number(r.expectedVersion) })),
  );
}

/** `discoverTarget` for `pnpm bench`: a database that is not seeded is said so, exit 1. */
export async function discoverTargetOrExit(database: Database, slug: string): Promise<Target> {
  try {
    return await discoverTarget(database, slug);
  } catch (err) {
    if (err instanceof NotSeededError) {
      console.error(`The bench database is not seeded (${err.message}). Run \`pnpm bench:seed\` first.`);
      process.exit(1);
    }
    throw err;
  }
}
