/**
 * Seeds a drill's database with bench's seeder and reads back who can log in: every cohort of the
 * seeded organisation with its mentors and learners, the org's admin and viewer, the skills a
 * submission may claim, and each cohort's waiting submissions (bench's `reviewPool`).
 */
import { type Database, openDatabase, rowsOf, withScope } from '@masar/server';
import { sql } from 'drizzle-orm';
import { reviewPool } from '../../bench/lib/discover';
import type { ReviewItem } from '../../bench/lib/load';
import { BENCH_PASSWORD, BIG_ORG_SLUG, seedBench } from '../../bench/lib/seeder';

export interface Person {
  id: string;
  email: string;
}

export interface CohortPop {
  id: string;
  name: string;
  mentors: Person[];
  learners: Person[];
  /** Submissions waiting for review when the drill starts, oldest first. */
  waiting: ReviewItem[];
}

export interface Population {
  orgSlug: string;
  orgId: string;
  password: string;
  admin: Person;
  viewer: Person;
  cohorts: CohortPop[];
  /** Early skills of the (shared) roadmap: what drill submissions claim. */
  claimableSkillIds: string[];
}

export interface SeedSize {
  learners: number;
  cohorts: number;
  submissions: number;
}

export async function seedAndDiscover(
  url: string,
  size: SeedSize,
  log: (line: string) => void,
): Promise<{ population: Population; seconds: number }> {
  const database = await openDatabase({ url, poolMax: 4 });
  try {
    const t0 = performance.now();
    await seedBench(database, { seed: 42, ...size, smallTenants: 1, smallLearners: 5, log });
    const seconds = (performance.now() - t0) / 1000;
    return { population: await discover(database), seconds };
  } finally {
    await database.close();
  }
}

async function discover(database: Database): Promise<Population> {
  const [org] = rowsOf<{ id: string }>(
    await database.db.execute(sql`select id from organizations where slug = ${BIG_ORG_SLUG}`),
  );
  if (!org) throw new Error(`organisation ${BIG_ORG_SLUG} not seeded`);
  const orgId = org.id;
  const base = await withScope(database, { orgId }, async (tx) => {
    const cohorts = rowsOf<{ id: string; name: string; roadmapId: string }>(
      await tx.execute(sql`select id, name, roadmap_id as "roadmapId" from cohorts
        where org_id = ${orgId} and archived_at is null order by start_date, id`),
    );
    const members = rowsOf<{ cohortId: string; id: string; email: string; role: string }>(
      await tx.execute(sql`select cm.cohort_id as "cohortId", u.id, u.email, cm.role
        from cohort_members cm join users u on u.id = cm.user_id
        where cm.org_id = ${orgId} order by u.email`),
    );
    const staff = rowsOf<{ id: string; email: string; role: string }>(
      await tx.execute(sql`select u.id, u.email, m.role from memberships m join users u on u.id = m.user_id
        where m.org_id = ${orgId} and m.role in ('owner', 'admin', 'viewer') order by m.role, u.email`),
    );
    const skills = rowsOf<{ skillId: string }>(
      await tx.execute(sql`select skill_id as "skillId" from roadmap_skills
        where org_id = ${orgId} and roadmap_id = ${cohorts[0]?.roadmapId ?? null}::uuid
          and archived_at is null and start_month < 6 order by position`),
    );
    return { cohorts, members, staff, skills };
  });
  const admin = base.staff.find((s) => s.role === 'owner' || s.role === 'admin');
  const viewer = base.staff.find((s) => s.role === 'viewer');
  if (!admin || !viewer) throw new Error('seeded organisation has no admin or viewer');
  const cohorts: CohortPop[] = [];
  for (const c of base.cohorts) {
    const of = (role: string) =>
      base.members.filter((m) => m.cohortId === c.id && m.role === role).map(({ id, email }) => ({ id, email }));
    cohorts.push({
      id: c.id,
      name: c.name,
      mentors: of('mentor'),
      learners: of('learner'),
      waiting: await reviewPool(database, orgId, c.id),
    });
  }
  return {
    orgSlug: BIG_ORG_SLUG,
    orgId,
    password: BENCH_PASSWORD,
    admin: { id: admin.id, email: admin.email },
    viewer: { id: viewer.id, email: viewer.email },
    cohorts,
    claimableSkillIds: base.skills.map((s) => s.skillId),
  };
}
